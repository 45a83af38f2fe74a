import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { testDatabases } from '../../../test/support/databases.ts';
import { testApp } from '../../../test/support/app.ts';
import { loginAs, type LoggedIn } from '../../../test/support/users.ts';
import type { AppDeps } from '../../app-deps.ts';
import type { Db } from '../../db/connection.ts';
import { ID_OJK_POLICY } from '../../domain/contact-policy/index.ts';
import { createContactPlanner } from './planner.ts';
import { flagExpiredUnknown, insertEvents } from './dispatch-repo.ts';
import { makeDebtor, planned } from './test-support/fixtures.ts';

const NOW = new Date('2026-11-24T03:00:00Z');
const APP_SECRET = 'test-app-secret';

describe.each(testDatabases)('outbox API on $name', (target) => {
  let db: Db;
  let app: FastifyInstance;
  let deps: AppDeps;
  let compliance: LoggedIn;
  let supervisor: LoggedIn;
  let agent: LoggedIn;
  let debtorA: string;
  let waMessageId: string;

  beforeAll(async () => {
    db = await target.open();
    ({ app, deps } = await testApp(db, { now: () => NOW, env: { WHATSAPP_APP_SECRET: APP_SECRET, WHATSAPP_VERIFY_TOKEN: 'verify-me' } }));
    compliance = await loginAs(app, deps, 'compliance');
    supervisor = await loginAs(app, deps, 'supervisor');
    agent = await loginAs(app, deps, 'agent');
    const a = await makeDebtor(deps);
    const b = await makeDebtor(deps);
    debtorA = a.debtorId;
    const planner = createContactPlanner({ now: () => NOW });
    await db.kysely.transaction().execute((trx) =>
      planner.planMany(trx, [planned(a, 'sms', NOW), planned(a, 'email', NOW), planned(a, 'whatsapp', NOW), planned(b, 'sms', NOW), planned(b, 'sms', new Date('2026-11-24T14:00:00Z'))]),
    );
    // One WhatsApp message as if sent through the Cloud API.
    waMessageId = 'wamid.HBgNNjI4MTIzNDU2Nzg5MBUCABEYEjQ1';
    await db.kysely.updateTable('outbox_messages').set({ status: 'sent', provider: 'whatsapp', provider_message_id: waMessageId, sent_at: NOW }).where('debtor_id', '=', a.debtorId).where('channel', '=', 'whatsapp').execute();
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  const get = (who: LoggedIn, url: string) => app.inject({ url, headers: who.headers });

  it('lists the outbox newest first with filters and a cursor that neither repeats nor skips', async () => {
    const all = (await get(compliance, '/api/v1/outbox?limit=200')).json();
    expect(all.items).toHaveLength(5);
    const seen: string[] = [];
    let url = '/api/v1/outbox?limit=2';
    for (let i = 0; i < 5; i++) {
      const body = (await get(compliance, url)).json();
      seen.push(...body.items.map((m: { id: string }) => m.id));
      if (!body.next_cursor) break;
      url = `/api/v1/outbox?limit=2&cursor=${body.next_cursor}`;
    }
    expect(seen).toEqual(all.items.map((m: { id: string }) => m.id));
    const sms = (await get(compliance, `/api/v1/outbox?channel=sms&debtor=${debtorA}`)).json();
    expect(sms.items).toMatchObject([{ channel: 'sms', debtor_id: debtorA, status: 'pending', template_code: 'reminder' }]);
    expect((await get(compliance, '/api/v1/outbox?status=sent')).json().items).toHaveLength(1);
    expect((await get(compliance, '/api/v1/outbox?cursor=nonsense')).statusCode).toBe(400);
    expect((await get(agent, '/api/v1/outbox')).statusCode).toBe(403);
  });

  it('lists contact decisions with reasons for compliance', async () => {
    const body = (await get(compliance, '/api/v1/contact-decisions?allowed=false')).json();
    expect(body.items).toHaveLength(1);
    expect(body.items[0]).toMatchObject({ allowed: false, reasons: ['outside_hours'], stage: 'plan', policy_version: 0, next_allowed_at: '2026-11-25T01:00:00.000Z' });
    expect((await get(compliance, `/api/v1/contact-decisions?debtor=${debtorA}`)).json().items).toHaveLength(3);
    expect((await get(agent, '/api/v1/contact-decisions')).statusCode).toBe(403);
  });

  it('refuses an invalid policy draft with field and reason, saves and activates a valid one with audit', async () => {
    const bad = await app.inject({
      method: 'POST',
      url: '/api/v1/contact-policies',
      headers: supervisor.headers,
      payload: { name: 'broken', definition: { ...ID_OJK_POLICY, windows: { ...ID_OJK_POLICY.windows, sms: { start: '20:00', end: '08:00' } }, totalPerDays: 3 } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details).toEqual(expect.arrayContaining([{ field: 'windows.sms.end', message: 'window end must be after start' }, { field: 'totalPerDays', message: 'unknown key' }]));

    const draft = await app.inject({ method: 'POST', url: '/api/v1/contact-policies', headers: supervisor.headers, payload: { name: 'ketat', definition: { ...ID_OJK_POLICY, windows: { ...ID_OJK_POLICY.windows, sms: { start: '09:00', end: '17:00' } } } } });
    expect(draft.statusCode).toBe(201);
    expect(draft.json()).toMatchObject({ version: 1, name: 'ketat', status: 'draft', definition: { version: 1, name: 'ketat' } });
    const on = await app.inject({ method: 'POST', url: '/api/v1/contact-policies/1/activate', headers: supervisor.headers });
    expect(on.statusCode).toBe(200);
    expect(on.json()).toMatchObject({ version: 1, status: 'active', activated_at: NOW.toISOString() });
    expect((await app.inject({ method: 'POST', url: '/api/v1/contact-policies/1/activate', headers: supervisor.headers })).statusCode).toBe(409);
    expect((await app.inject({ method: 'POST', url: '/api/v1/contact-policies/9/activate', headers: supervisor.headers })).statusCode).toBe(404);
    const audits = await db.kysely.selectFrom('audit_log').select(['action', 'entity_id']).where('entity_type', '=', 'contact_policy').orderBy('seq').execute();
    expect(audits).toEqual([{ action: 'contact_policy.drafted', entity_id: '1' }, { action: 'contact_policy.activated', entity_id: '1' }]);
    expect((await get(supervisor, '/api/v1/contact-policies')).json().items).toMatchObject([{ version: 1, status: 'active' }]);
    expect((await get(compliance, '/api/v1/contact-policies')).statusCode).toBe(403);
    await db.kysely.updateTable('contact_policies').set({ status: 'retired' }).execute();
  });

  it('keeps holiday overrides (cuti bersama) with audit', async () => {
    const put = await app.inject({ method: 'PUT', url: '/api/v1/holiday-overrides/2026-12-24', headers: supervisor.headers, payload: { kind: 'collective_leave', name: 'Cuti bersama Natal' } });
    expect(put.statusCode).toBe(200);
    expect((await get(supervisor, '/api/v1/holiday-overrides')).json().items).toMatchObject([{ date: '2026-12-24', kind: 'collective_leave' }]);
    expect((await app.inject({ method: 'PUT', url: '/api/v1/holiday-overrides/2026-12-24', headers: supervisor.headers, payload: { kind: 'nope', name: 'x' } })).statusCode).toBe(400);
    expect((await app.inject({ method: 'DELETE', url: '/api/v1/holiday-overrides/2026-12-24', headers: supervisor.headers })).statusCode).toBe(204);
    expect((await app.inject({ method: 'DELETE', url: '/api/v1/holiday-overrides/2026-12-24', headers: supervisor.headers })).statusCode).toBe(404);
    const audits = await db.kysely.selectFrom('audit_log').select('action').where('entity_type', '=', 'holiday_override').execute();
    expect(audits.map((a) => a.action)).toEqual(['holiday_override.saved', 'holiday_override.deleted']);
  });

  it('answers the WhatsApp verification handshake only with the right token', async () => {
    const ok = await app.inject({ url: '/api/v1/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=12345' });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toBe('12345');
    expect((await app.inject({ url: '/api/v1/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=12345' })).statusCode).toBe(403);
  });

  it('applies signed delivery statuses forward only, and answers 401 to a bad or missing signature', async () => {
    const payload = (status: string, ts: number) =>
      JSON.stringify({ object: 'whatsapp_business_account', entry: [{ id: '1', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', statuses: [{ id: waMessageId, status, timestamp: String(ts), recipient_id: '6281234567890' }] } }] }] });
    const sign = (body: string, secret = APP_SECRET) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
    const post = (body: string, signature?: string) =>
      app.inject({ method: 'POST', url: '/api/v1/webhooks/whatsapp', headers: { 'content-type': 'application/json', ...(signature ? { 'x-hub-signature-256': signature } : {}) }, payload: body });

    const delivered = payload('delivered', 1_795_000_000);
    expect((await post(delivered, sign(delivered, 'wrong-secret'))).statusCode).toBe(401);
    expect((await post(delivered)).json().error.code).toBe('TAGIH_BAD_SIGNATURE');
    // The signature covers the exact bytes: the same JSON re-spaced does not pass.
    expect((await post(delivered.replace('{', '{ '), sign(delivered))).statusCode).toBe(401);
    const row = () => db.kysely.selectFrom('outbox_messages').select(['id', 'status', 'delivered_at']).where('provider_message_id', '=', waMessageId).executeTakeFirstOrThrow();
    expect((await row()).status).toBe('sent');

    expect((await post(delivered, sign(delivered))).json()).toEqual({ received: 1, applied: 1 });
    expect(await row()).toMatchObject({ status: 'delivered', delivered_at: new Date(1_795_000_000_000) });
    const read = payload('read', 1_795_000_100);
    expect((await post(read, sign(read))).json()).toEqual({ received: 1, applied: 1 });
    const late = payload('delivered', 1_795_000_050);
    expect((await post(late, sign(late))).json()).toEqual({ received: 1, applied: 0 });
    expect((await row()).status).toBe('read');
    const events = await db.kysely.selectFrom('outbox_events').select('event').where('outbox_id', '=', (await row()).id).orderBy('id').execute();
    expect(events.map((e) => e.event)).toEqual(['delivered', 'read']);
  });

  it('lets a supervisor resolve sends whose outcome is unknown: confirmed sent, resent, dropped — once each, audited', async () => {
    const c = await makeDebtor(deps);
    const planner = createContactPlanner({ now: () => NOW });
    await db.kysely.transaction().execute((trx) =>
      planner.planMany(trx, [planned(c, 'whatsapp', NOW, { idempotencyKey: 'rv-1' }), planned(c, 'whatsapp', NOW, { idempotencyKey: 'rv-2' }), planned(c, 'whatsapp', NOW, { idempotencyKey: 'rv-3' })]),
    );
    // As the dispatcher leaves them when it died mid-send on a channel that cannot dedupe.
    const ids = (await db.kysely.selectFrom('outbox_messages').select('id').where('debtor_id', '=', c.debtorId).orderBy('idempotency_key').execute()).map((r) => r.id);
    await db.kysely.updateTable('outbox_messages').set({ status: 'sending', attempts: 1, claimed_by: 'w-dead', claimed_until: new Date(NOW.getTime() - 60_000) }).where('id', 'in', ids).execute();
    const flaggedAt = new Date(NOW.getTime() - 30_000);
    expect(await flagExpiredUnknown(db.kysely, { now: flaggedAt, channels: ['whatsapp'], limit: 10 })).toHaveLength(3);
    await insertEvents(db.kysely, ids.map((id) => ({ outboxId: id, event: 'outcome_unknown', detail: { worker: 'w-dead' }, at: flaggedAt })));

    const waiting = (await get(compliance, '/api/v1/outbox?review=needed')).json();
    expect(waiting.items.map((m: { id: string }) => m.id).sort()).toEqual([...ids].sort());
    expect(waiting.items.every((m: { status: string; review_state: string }) => m.status === 'failed' && m.review_state === 'needed')).toBe(true);

    const review = (who: LoggedIn, id: string, payload: object) => app.inject({ method: 'POST', url: `/api/v1/outbox/${id}/review`, headers: who.headers, payload });
    const [sentId, resendId, dropId] = ids as [string, string, string];
    expect((await review(agent, sentId, { resolution: 'dropped', note: 'not mine' })).statusCode).toBe(403);
    expect((await review(compliance, sentId, { resolution: 'dropped', note: 'read only' })).statusCode).toBe(403);
    const misplaced = await review(supervisor, dropId, { resolution: 'dropped', note: 'checked console', sent_at: flaggedAt.toISOString() });
    expect(misplaced.statusCode).toBe(400);
    expect(misplaced.json().error.details).toEqual([expect.objectContaining({ path: '/sent_at' })]);

    const sent = await review(supervisor, sentId, { resolution: 'confirmed_sent', note: 'Meta console shows wamid accepted' });
    expect(sent.statusCode).toBe(200);
    expect(sent.json()).toMatchObject({ status: 'sent', review_state: 'confirmed_sent', sent_at: flaggedAt.toISOString(), last_error: null, review_note: 'Meta console shows wamid accepted' });
    const resent = (await review(supervisor, resendId, { resolution: 'resent', note: 'not in the console' })).json();
    expect(resent).toMatchObject({ status: 'pending', review_state: 'resent', not_before: NOW.toISOString() });
    expect(resent.max_attempts).toBeGreaterThan(resent.attempts);
    expect((await review(supervisor, dropId, { resolution: 'dropped', note: 'debtor paid meanwhile' })).json()).toMatchObject({ status: 'cancelled', review_state: 'dropped' });

    const again = await review(supervisor, sentId, { resolution: 'resent', note: 'second thoughts' });
    expect(again.statusCode).toBe(409);
    expect((await review(supervisor, '00000000-0000-4000-8000-00000000dead', { resolution: 'dropped', note: 'no such' })).statusCode).toBe(404);
    expect((await get(compliance, '/api/v1/outbox?review=needed')).json().items).toHaveLength(0);

    const audited = await db.kysely.selectFrom('audit_log').select(['entity_id', 'action']).where('action', '=', 'outbox.reviewed').execute();
    expect(audited.map((a) => a.entity_id).sort()).toEqual([...ids].sort());
    const events = await db.kysely.selectFrom('outbox_events').select('event').where('outbox_id', '=', sentId).orderBy('id').execute();
    expect(events.map((e) => e.event)).toEqual(['outcome_unknown', 'review_confirmed_sent']);
  });
});

describe('WhatsApp webhook without an app secret', () => {
  it('refuses with 503 instead of accepting unsigned posts', async () => {
    const db = await testDatabases[0]!.open();
    const { app } = await testApp(db);
    try {
      const res = await app.inject({ method: 'POST', url: '/api/v1/webhooks/whatsapp', headers: { 'content-type': 'application/json' }, payload: '{}' });
      expect(res.statusCode).toBe(503);
    } finally {
      await app.close();
      await db.close();
    }
  });
});
