import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../../test/support/databases.ts';
import { SYSTEM_ACTOR } from '../../audit/index.ts';
import { claimNext } from '../index.ts';
import { loadContactRules } from '../shared/contact-window.ts';
import { asUser, casesFixture, MONDAY_MORNING, type CasesFixture } from '../test-fixture.ts';

const SATURDAY = '2026-11-28T01:00:00.000Z';
const SUNDAY_MORNING = new Date('2026-11-29T03:00:00Z');

describe.each(testDatabases)('work queues on $name', (target) => {
  let f: CasesFixture;
  const items: Record<string, string> = {};
  beforeAll(async () => {
    f = await casesFixture(target);
    const sup = asUser(f, f.supervisor);
    for (const no of ['KTA-0001', 'KTA-0002', 'CC-0003'] as const) {
      const res = await sup.post('/api/v1/work-items', { account_id: f.accounts[no].id, kind: 'call', due_at: SATURDAY, idempotency_key: `test:${no}` });
      expect(res.statusCode, res.body).toBe(201);
      items[no] = res.json().id;
    }
  });
  afterAll(async () => f.close());

  const numbers = (body: { items: { account_no: string }[] }) => body.items.map((i) => i.account_no).sort();

  it('creates an item once per idempotency key and routes it to the account’s agent or team pool', async () => {
    const again = await asUser(f, f.supervisor).post('/api/v1/work-items', { account_id: f.accounts['KTA-0001'].id, kind: 'call', due_at: SATURDAY, idempotency_key: 'test:KTA-0001' });
    expect(again.json()).toEqual({ id: items['KTA-0001'], created: false });
    const rows = await f.db.kysely.selectFrom('work_items').select(['id', 'assigned_user_id', 'team_id']).execute();
    expect(rows).toHaveLength(3);
    expect(rows.find((r) => r.id === items['KTA-0001'])).toMatchObject({ assigned_user_id: f.agentA1.user.id, team_id: f.teamA });
    expect(rows.find((r) => r.id === items['KTA-0002'])).toMatchObject({ assigned_user_id: null, team_id: f.teamA });
  });

  it('shows each agent only their own items and their team pool; team views are for supervisors', async () => {
    expect(numbers((await asUser(f, f.agentA1).get('/api/v1/work-queue/me')).json())).toEqual(['KTA-0001', 'KTA-0002']);
    expect(numbers((await asUser(f, f.agentA2).get('/api/v1/work-queue/me')).json())).toEqual(['KTA-0002']);
    expect(numbers((await asUser(f, f.agentB1).get('/api/v1/work-queue/me')).json())).toEqual(['CC-0003']);
    expect((await asUser(f, f.agentB1).get(`/api/v1/work-queue/teams/${f.teamA}`)).statusCode).toBe(403);
    const team = (await asUser(f, f.supervisor).get(`/api/v1/work-queue/teams/${f.teamA}`)).json();
    expect(numbers(team)).toEqual(['KTA-0001', 'KTA-0002']);
    expect(team.items[0].priority).toBeGreaterThanOrEqual(team.items[1].priority);
    expect(numbers((await asUser(f, f.supervisor).get(`/api/v1/work-queue/teams/${f.teamA}?user_id=${f.agentA1.user.id}`)).json())).toEqual(['KTA-0001']);
  });

  it('refuses to hand out a call outside the contact window and says when it opens', async () => {
    f.clock.now = SUNDAY_MORNING;
    try {
      const list = (await asUser(f, f.agentA1).get('/api/v1/work-queue/me')).json();
      expect(list.items.every((i: { contactable_now: boolean; block_reasons: string[] }) => !i.contactable_now && i.block_reasons.length > 0)).toBe(true);
      const claim = (await asUser(f, f.agentA1).post('/api/v1/work-queue/claim')).json();
      expect(claim).toMatchObject({ item: null, reason: 'nobody_contactable_now' });
      expect(claim.next_allowed_at).toBe('2026-11-30T00:00:00.000Z'); // Monday 08:00 WITA, the Makassar debtor's window opens first
    } finally {
      f.clock.now = MONDAY_MORNING;
    }
  });

  it('sinks a debtor under an open dispute below everyone contactable', async () => {
    const siti = f.accounts['KTA-0002'].debtor_id;
    const d = await asUser(f, f.agentA1).post('/api/v1/disputes', { kind: 'dispute', debtor_id: siti, description: 'disputes the balance' });
    const list = (await asUser(f, f.agentA1).get('/api/v1/work-queue/me')).json().items;
    expect(list.map((i: { account_no: string }) => i.account_no)).toEqual(['KTA-0001', 'KTA-0002']);
    expect(list[1]).toMatchObject({ contactable_now: false });
    expect(list[1].priority_reasons).toContain('outside_window');
    await asUser(f, f.supervisor).post(`/api/v1/disputes/${d.json().id}/resolve`, { status: 'resolved', resolution: 'balance explained to debtor' });
  });

  it('claims distinct items: in-progress first, then the best contactable; never another team’s', async () => {
    const a2 = (await asUser(f, f.agentA2).post('/api/v1/work-queue/claim')).json();
    expect(a2).toMatchObject({ resumed: false, item: { account_no: 'KTA-0002', status: 'in_progress', assigned_user_id: f.agentA2.user.id } });
    const a1 = (await asUser(f, f.agentA1).post('/api/v1/work-queue/claim')).json();
    expect(a1.item.account_no).toBe('KTA-0001');
    expect((await asUser(f, f.agentA1).post('/api/v1/work-queue/claim')).json()).toMatchObject({ resumed: true, item: { id: a1.item.id } });
    // KTA-0002 left the pool when A2 claimed it.
    expect(numbers((await asUser(f, f.agentA1).get('/api/v1/work-queue/me')).json())).toEqual(['KTA-0001']);
    expect((await asUser(f, f.agentB1).post('/api/v1/work-queue/claim')).json().item.account_no).toBe('CC-0003');
    const field = (await asUser(f, f.field).post('/api/v1/work-queue/claim')).json();
    expect(field).toMatchObject({ item: null, reason: 'queue_empty' });
  });

  it('never gives one item to two agents claiming at the same time', async () => {
    const k = f.db.kysely;
    const pool = await k
      .insertInto('users')
      .values(Array.from({ length: 8 }, (_, i) => ({ username: `pool-${target.name}-${i}`, display_name: `Pool ${i}`, password_hash: 'x', role: 'agent' as const, team_id: f.teamB })))
      .returning(['id'])
      .execute();
    const cc = f.accounts['CC-0003'];
    await k
      .insertInto('work_items')
      .values(Array.from({ length: 5 }, () => ({ kind: 'call' as const, account_id: cc.id, debtor_id: cc.debtor_id, queue: 'desk_l1', priority: 100, due_at: SATURDAY, assigned_user_id: null, team_id: f.teamB })))
      .execute();
    const rules = await loadContactRules(k);
    const results = await Promise.all(
      pool.map((u) => k.transaction().execute((trx) => claimNext(trx, { userId: u.id, teamId: f.teamB, role: 'agent' }, rules, { now: f.clock.now, actor: SYSTEM_ACTOR }))),
    );
    const claimed = results.flatMap((r) => (r.item ? [r.item.id] : []));
    expect(claimed).toHaveLength(5);
    expect(new Set(claimed).size).toBe(5);
    const inProgress = await k.selectFrom('work_items').select(['id', 'assigned_user_id']).where('team_id', '=', f.teamB).where('status', '=', 'in_progress').execute();
    expect(inProgress.length).toBe(6); // B1's item and the five pool items
  });

  it('routes items the batch created without routing by the account’s current assignment', async () => {
    const k = f.db.kysely;
    const kta2 = f.accounts['KTA-0002'];
    await k.insertInto('work_items').values({ idempotency_key: 'daily:unrouted', kind: 'call', account_id: kta2.id, debtor_id: kta2.debtor_id, queue: 'desk_l1', priority: 1, due_at: SATURDAY }).execute();
    const has = async (who: CasesFixture['agentA1']) => (await asUser(f, who).get('/api/v1/work-queue/me')).json().items.some((i: { queue: string; priority_reasons: string[]; account_no: string; id: string }) => i.account_no === 'KTA-0002' && i.id !== items['KTA-0002']);
    expect(await has(f.agentA1)).toBe(true);
    expect(await has(f.agentB1)).toBe(false);
    const team = (await asUser(f, f.supervisor).get(`/api/v1/work-queue/teams/${f.teamA}`)).json().items;
    expect(team.some((i: { team_id: string | null }) => i.team_id === null)).toBe(true);
  });

  it('reassigns an item to another agent (supervisors only)', async () => {
    const id = items['KTA-0001']!;
    expect((await asUser(f, f.agentA1).post(`/api/v1/work-items/${id}/reassign`, { user_id: f.agentA2.user.id, reason: 'cover' })).statusCode).toBe(403);
    const bad = await asUser(f, f.supervisor).post(`/api/v1/work-items/${id}/reassign`, { user_id: f.supervisor.user.id, reason: 'to myself' });
    expect(bad.json().error.details[0].path).toBe('/user_id');
    expect((await asUser(f, f.supervisor).post(`/api/v1/work-items/${id}/reassign`, { user_id: f.agentA2.user.id, reason: 'A1 is on leave' })).statusCode).toBe(200);
    const a2 = (await asUser(f, f.agentA2).get('/api/v1/work-queue/me')).json().items;
    expect(a2.find((i: { id: string }) => i.id === id)).toMatchObject({ status: 'open', assigned_user_id: f.agentA2.user.id });
  });
});
