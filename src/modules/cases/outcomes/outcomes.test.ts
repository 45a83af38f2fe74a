import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../../test/support/databases.ts';
import { asUser, casesFixture, type CasesFixture } from '../test-fixture.ts';

describe.each(testDatabases)('interaction outcomes on $name', (target) => {
  let f: CasesFixture;
  let itemId: string;
  beforeAll(async () => {
    f = await casesFixture(target);
    itemId = (await asUser(f, f.supervisor).post('/api/v1/work-items', { account_id: f.accounts['KTA-0001'].id, kind: 'call' })).json().id;
  });
  afterAll(async () => f.close());

  const kta1 = () => f.accounts['KTA-0001'];

  it('a ptp outcome creates the promise linked to the interaction and completes the work item', async () => {
    const a1 = asUser(f, f.agentA1);
    const res = await a1.post('/api/v1/interactions/outcomes', {
      debtor_id: kta1().debtor_id,
      account_id: kta1().id,
      work_item_id: itemId,
      channel: 'voice',
      outcome: 'ptp',
      notes: 'Akan bayar setelah gajian',
      ptp: { amount_idr: '600000', promised_date: '2026-12-04' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body.promise).toMatchObject({ amount_idr: '600000', promised_date: '2026-12-04', interaction_id: body.interaction_id, status: 'pending' });
    expect(body.completed_work_item_id).toBe(itemId);
    const wi = await f.db.kysely.selectFrom('work_items').select(['status', 'outcome', 'interaction_id']).where('id', '=', itemId).executeTakeFirstOrThrow();
    expect(wi).toEqual({ status: 'done', outcome: 'ptp', interaction_id: body.interaction_id });
    expect((await a1.get('/api/v1/work-queue/me')).json().items).toEqual([]);
  });

  it('rolls everything back when the follow-up is refused', async () => {
    const before = await f.db.kysely.selectFrom('interactions').select('id').execute();
    const res = await asUser(f, f.agentA1).post('/api/v1/interactions/outcomes', {
      debtor_id: kta1().debtor_id,
      account_id: kta1().id,
      channel: 'voice',
      outcome: 'ptp',
      ptp: { amount_idr: '100000', promised_date: '2026-12-02' },
    });
    expect(res.statusCode).toBe(409); // the promise from the previous test is still pending
    expect(await f.db.kysely.selectFrom('interactions').select('id').execute()).toHaveLength(before.length);
    const missing = await asUser(f, f.agentA1).post('/api/v1/interactions/outcomes', { debtor_id: kta1().debtor_id, account_id: kta1().id, channel: 'voice', outcome: 'ptp' });
    expect(missing.statusCode).toBe(400);
    expect(JSON.stringify(missing.json().error.details)).toContain('ptp');
  });

  it('callback_requested books a callback for the same agent that surfaces in the queue when due', async () => {
    const a1 = asUser(f, f.agentA1);
    const res = await a1.post('/api/v1/interactions/outcomes', { debtor_id: kta1().debtor_id, account_id: kta1().id, channel: 'voice', outcome: 'callback_requested', callback_at: '2026-11-30T07:00:00Z' });
    expect(res.statusCode, res.body).toBe(201);
    const cb = res.json().callback_work_item_id;
    const row = await f.db.kysely.selectFrom('work_items').select(['kind', 'assigned_user_id', 'due_at']).where('id', '=', cb).executeTakeFirstOrThrow();
    expect(row).toEqual({ kind: 'callback', assigned_user_id: f.agentA1.user.id, due_at: new Date('2026-11-30T07:00:00Z') });
    // Not claimable before it is due.
    expect((await a1.post('/api/v1/work-queue/claim')).json()).toMatchObject({ item: null, reason: 'queue_empty' });
    f.clock.now = new Date('2026-11-30T07:05:00Z');
    try {
      const claim = (await a1.post('/api/v1/work-queue/claim')).json();
      expect(claim.item).toMatchObject({ id: cb, kind: 'callback' });
      expect(claim.item.priority_reasons).toEqual(expect.arrayContaining(['callback_due']));
    } finally {
      f.clock.now = new Date('2026-11-30T03:00:00Z');
    }
    const late = await a1.post('/api/v1/interactions/outcomes', { debtor_id: kta1().debtor_id, channel: 'voice', outcome: 'callback_requested', callback_at: '2026-11-29T07:00:00Z' });
    expect(late.json().error.details[0].path).toBe('/callback_at');
  });

  it('a dispute outcome opens a dispute that holds collection; plain outcomes only log', async () => {
    const sup = asUser(f, f.supervisor);
    const siti = f.accounts['KTA-0002'];
    const res = await asUser(f, f.agentA2).post('/api/v1/interactions/outcomes', { debtor_id: siti.debtor_id, account_id: siti.id, channel: 'voice', outcome: 'dispute', dispute: { description: 'Says the loan was never disbursed' } });
    expect(res.json().dispute).toMatchObject({ status: 'open', kind: 'dispute', opened_via: 'agent' });
    const plain = await sup.post('/api/v1/interactions/outcomes', { debtor_id: siti.debtor_id, channel: 'voice', outcome: 'no_answer' });
    expect(plain.json()).toMatchObject({ promise: null, dispute: null, callback_work_item_id: null });
    expect((await sup.post('/api/v1/interactions/outcomes', { debtor_id: siti.debtor_id, channel: 'voice', outcome: 'shouted' })).statusCode).toBe(400);
  });

  it('keeps agents to their own debtors', async () => {
    const res = await asUser(f, f.agentB1).post('/api/v1/interactions/outcomes', { debtor_id: kta1().debtor_id, channel: 'voice', outcome: 'no_answer' });
    expect(res.statusCode).toBe(404);
    const wrongItem = await asUser(f, f.agentA1).post('/api/v1/interactions/outcomes', { debtor_id: kta1().debtor_id, work_item_id: '00000000-0000-4000-8000-000000000000', channel: 'voice', outcome: 'busy' });
    expect(wrongItem.json().error.details[0].path).toBe('/work_item_id');
  });
});
