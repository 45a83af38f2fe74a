import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../../test/support/databases.ts';
import { asUser, casesFixture, MONDAY_MORNING, type CasesFixture } from '../test-fixture.ts';
import { workQueueAdapter } from '../../outbox/channels/work-queue.ts';
import { MAX_PHOTO_BYTES } from './routes.ts';

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('fake jpeg body for the test')]);

function upload(content: Buffer, type = 'image/jpeg') {
  const boundary = '----tagihphoto';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="rumah.jpg"\r\nContent-Type: ${type}\r\n\r\n`),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe.each(testDatabases)('field visits on $name', (target) => {
  let f: CasesFixture;
  let visitId: string;
  beforeAll(async () => {
    f = await casesFixture(target);
  });
  afterAll(async () => f.close());

  const fix = { lat: -5.1477, lng: 119.4327, accuracy_m: 12 };

  it('assigns a visit to a field agent only, as a field_visit work item in their queue', async () => {
    const sup = asUser(f, f.supervisor);
    const kta2 = f.accounts['KTA-0002']; // Makassar (WITA)
    const wrong = await sup.post('/api/v1/field-visits', { account_id: kta2.id, field_agent_id: f.agentA1.user.id, scheduled_for: '2026-11-30T01:00:00Z' });
    expect(wrong.json().error.details[0].path).toBe('/field_agent_id');
    const res = await sup.post('/api/v1/field-visits', { account_id: kta2.id, field_agent_id: f.field.user.id, scheduled_for: '2026-11-30T01:00:00Z', notes: 'Alamat penagihan' });
    expect(res.statusCode, res.body).toBe(201);
    visitId = res.json().id;
    expect(res.json()).toMatchObject({ status: 'assigned', field_agent_id: f.field.user.id, check_in: null });
    const mine = (await asUser(f, f.field).get('/api/v1/field-visits/me')).json().items;
    expect(mine.map((v: { id: string }) => v.id)).toEqual([visitId]);
    const queue = (await asUser(f, f.field).get('/api/v1/work-queue/me')).json().items;
    expect(queue).toEqual([expect.objectContaining({ kind: 'field_visit', account_no: 'KTA-0002', contactable_now: true })]);
    expect((await asUser(f, f.agentB1).get(`/api/v1/field-visits/${visitId}`)).statusCode).toBe(404);
    expect((await asUser(f, f.agentA2).get(`/api/v1/field-visits/${visitId}`)).statusCode).toBe(200);
  });

  it('refuses check-in outside the field window with reasons, and records the decision', async () => {
    f.clock.now = new Date('2026-11-30T13:30:00Z'); // 21:30 WITA
    try {
      const res = await asUser(f, f.field).post(`/api/v1/field-visits/${visitId}/check-in`, fix);
      expect(res.statusCode).toBe(409);
      expect(res.json().error.details.reasons.length).toBeGreaterThan(0);
      expect(res.json().error.details.next_allowed_at).toBe('2026-12-01T00:00:00.000Z'); // Tuesday 08:00 WITA
    } finally {
      f.clock.now = MONDAY_MORNING;
    }
    const decisions = await f.db.kysely.selectFrom('contact_decisions').select(['channel', 'allowed', 'stage']).execute();
    expect(decisions).toEqual([{ channel: 'field', allowed: false, stage: 'manual' }]);
    expect((await asUser(f, f.field).post(`/api/v1/field-visits/${visitId}/check-in`, { ...fix, accuracy_m: 5000 })).statusCode).toBe(400);
  });

  it('checks in inside the window (only the assigned field agent), then takes photo evidence', async () => {
    expect((await asUser(f, f.agentA2).post(`/api/v1/field-visits/${visitId}/check-in`, fix)).statusCode).toBe(404);
    const early = await f.app.inject({ method: 'POST', url: `/api/v1/field-visits/${visitId}/photos`, headers: { ...f.field.headers, ...upload(JPEG).headers }, payload: upload(JPEG).payload });
    expect(early.statusCode).toBe(409);
    expect((await asUser(f, f.field).post(`/api/v1/field-visits/${visitId}/photos`, {})).statusCode).toBe(400);
    const res = await asUser(f, f.field).post(`/api/v1/field-visits/${visitId}/check-in`, fix);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'checked_in', check_in: { at: MONDAY_MORNING.toISOString(), ...fix } });
    expect((await asUser(f, f.field).post(`/api/v1/field-visits/${visitId}/check-in`, fix)).statusCode).toBe(409);

    const photo = await f.app.inject({ method: 'POST', url: `/api/v1/field-visits/${visitId}/photos`, headers: { ...f.field.headers, ...upload(JPEG).headers }, payload: upload(JPEG).payload });
    expect(photo.statusCode, photo.body).toBe(201);
    expect(photo.json()).toMatchObject({ content_type: 'image/jpeg', size_bytes: JPEG.length });
    const again = await f.app.inject({ method: 'POST', url: `/api/v1/field-visits/${visitId}/photos`, headers: { ...f.field.headers, ...upload(JPEG).headers }, payload: upload(JPEG).payload });
    expect(again.json().id).toBe(photo.json().id);
    const html = upload(Buffer.from('<html><script>alert(1)</script>'), 'image/jpeg');
    expect((await f.app.inject({ method: 'POST', url: `/api/v1/field-visits/${visitId}/photos`, headers: { ...f.field.headers, ...html.headers }, payload: html.payload })).statusCode).toBe(400);
    const big = upload(Buffer.concat([JPEG, Buffer.alloc(MAX_PHOTO_BYTES)]));
    expect((await f.app.inject({ method: 'POST', url: `/api/v1/field-visits/${visitId}/photos`, headers: { ...f.field.headers, ...big.headers }, payload: big.payload })).statusCode).toBe(413);

    const bytes = await asUser(f, f.supervisor).get(`/api/v1/field-visits/${visitId}/photos/${photo.json().id}`);
    expect(bytes.headers['content-type']).toBe('image/jpeg');
    expect(Buffer.from(bytes.rawPayload).equals(JPEG)).toBe(true);
    expect((await asUser(f, f.agentB1).get(`/api/v1/field-visits/${visitId}/photos/${photo.json().id}`)).statusCode).toBe(404);
  });

  it('checks out with an outcome and a promise, logging the field interaction and completing the item', async () => {
    const bad = await asUser(f, f.field).post(`/api/v1/field-visits/${visitId}/check-out`, { ...fix, outcome: 'ptp' });
    expect(bad.statusCode).toBe(400);
    const res = await asUser(f, f.field).post(`/api/v1/field-visits/${visitId}/check-out`, { ...fix, outcome: 'ptp', notes: 'Bertemu debitur', ptp: { amount_idr: '900000', promised_date: '2026-12-10' } });
    expect(res.statusCode, res.body).toBe(200);
    const v = res.json();
    expect(v).toMatchObject({ status: 'completed', outcome: 'ptp', photos: [expect.objectContaining({ content_type: 'image/jpeg' })] });
    const interaction = await f.db.kysely.selectFrom('interactions').select(['channel', 'outcome', 'agent_id']).where('id', '=', v.interaction_id).executeTakeFirstOrThrow();
    expect(interaction).toEqual({ channel: 'field', outcome: 'ptp', agent_id: f.field.user.id });
    const promise = await f.db.kysely.selectFrom('promises_to_pay').select(['amount_idr', 'interaction_id']).where('account_id', '=', f.accounts['KTA-0002'].id).executeTakeFirstOrThrow();
    expect(promise).toEqual({ amount_idr: 900_000n, interaction_id: v.interaction_id });
    expect(await f.db.kysely.selectFrom('work_items').select('status').where('id', '=', v.work_item_id).executeTakeFirstOrThrow()).toEqual({ status: 'done' });
    expect((await asUser(f, f.field).get('/api/v1/field-visits/me')).json().items).toEqual([]);
  });

  it('gives strategy-made field tasks a visit record when a field agent claims one or a supervisor assigns one', async () => {
    const send = workQueueAdapter(f.db.kysely, () => f.clock.now).send;
    const task = async (account: { id: string; debtor_id: string }, key: string) => {
      const r = await send({ outboxId: randomUUID(), idempotencyKey: key, channel: 'field', debtorId: account.debtor_id, accountId: account.id, contactId: null, to: null, subject: null, body: 'Kunjungan lapangan D+60', queueHint: 'field' });
      if (!r.ok) throw new Error(r.error);
      return r.providerMessageId;
    };
    // KTA-0002 is pooled to the field agent's team: the agent claims the task from the queue.
    const pooled = await task(f.accounts['KTA-0002'], 'strategy-field-kta2');
    const claim = await asUser(f, f.field).post('/api/v1/work-queue/claim');
    expect(claim.json().item).toMatchObject({ id: pooled, kind: 'field_visit', status: 'in_progress' });
    const mine = (await asUser(f, f.field).get('/api/v1/field-visits/me')).json().items;
    expect(mine).toEqual([expect.objectContaining({ work_item_id: pooled, field_agent_id: f.field.user.id, status: 'assigned', account_id: f.accounts['KTA-0002'].id })]);
    const checkIn = await asUser(f, f.field).post(`/api/v1/field-visits/${mine[0].id}/check-in`, fix);
    expect(checkIn.statusCode, checkIn.body).toBe(200);

    // PL-0004 is nobody's: a supervisor gives the strategy's task to the field agent.
    const unrouted = await task(f.accounts['PL-0004'], 'strategy-field-pl4');
    const sup = asUser(f, f.supervisor);
    expect((await sup.post('/api/v1/field-visits', { account_id: f.accounts['PL-0004'].id, work_item_id: unrouted, field_agent_id: f.field.user.id, scheduled_for: '2026-12-01T02:00:00Z' })).statusCode).toBe(400);
    const call = await f.db.kysely.insertInto('work_items').values({ kind: 'call', account_id: f.accounts['PL-0004'].id, debtor_id: f.accounts['PL-0004'].debtor_id, queue: 'desk_l1', due_at: MONDAY_MORNING }).returning('id').executeTakeFirstOrThrow();
    expect((await sup.post('/api/v1/field-visits', { work_item_id: call.id, field_agent_id: f.field.user.id, scheduled_for: '2026-12-01T02:00:00Z' })).statusCode).toBe(404);
    expect((await sup.post('/api/v1/field-visits', { work_item_id: unrouted, field_agent_id: f.agentA1.user.id, scheduled_for: '2026-12-01T02:00:00Z' })).statusCode).toBe(400);
    const given = await sup.post('/api/v1/field-visits', { work_item_id: unrouted, field_agent_id: f.field.user.id, scheduled_for: '2026-12-01T02:00:00Z' });
    expect(given.statusCode, given.body).toBe(201);
    expect(given.json()).toMatchObject({ work_item_id: unrouted, field_agent_id: f.field.user.id, status: 'assigned', scheduled_for: '2026-12-01T02:00:00.000Z' });
    const item = await f.db.kysely.selectFrom('work_items').select(['assigned_user_id', 'due_at', 'status']).where('id', '=', unrouted).executeTakeFirstOrThrow();
    expect(item).toEqual({ assigned_user_id: f.field.user.id, due_at: new Date('2026-12-01T02:00:00Z'), status: 'open' });
    // One visit per work item, however often it is handed over.
    const visits = await f.db.kysely.selectFrom('field_visits').select('work_item_id').where('work_item_id', 'in', [pooled, unrouted]).execute();
    expect(visits).toHaveLength(2);
  });
});
