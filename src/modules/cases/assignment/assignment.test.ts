import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../../test/support/databases.ts';
import { asUser, casesFixture, type CasesFixture } from '../test-fixture.ts';

describe.each(testDatabases)('account assignment on $name', (target) => {
  let f: CasesFixture;
  beforeAll(async () => {
    f = await casesFixture(target);
  });
  afterAll(async () => f.close());

  it('keeps rules as validated data and refuses typos', async () => {
    const sup = asUser(f, f.supervisor);
    const typo = await sup.post('/api/v1/assignment-rules', { name: 'papua', position: 1, team_id: f.teamB, conditions: { zone: ['Asia/Jayapura'] } });
    expect(typo.statusCode).toBe(400);
    const inverted = await sup.post('/api/v1/assignment-rules', { name: 'x', position: 1, team_id: f.teamB, conditions: { dpdMin: 60, dpdMax: 30 } });
    expect(inverted.statusCode).toBe(400);
    const ok = await sup.post('/api/v1/assignment-rules', { name: 'papua', position: 1, team_id: f.teamB, conditions: { zones: ['Asia/Jayapura'] } });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ name: 'papua', mode: 'least_loaded', active: true, conditions: { zones: ['Asia/Jayapura'] } });
    expect((await asUser(f, f.agentA1).get('/api/v1/assignment-rules')).statusCode).toBe(403);
  });

  it('auto-assigns unassigned accounts by the first matching rule to the least-loaded agent, once', async () => {
    const sup = asUser(f, f.supervisor);
    const run = (await sup.post('/api/v1/assignments/auto')).json();
    expect(run).toEqual({ examined: 1, assigned: 1, unmatched: 0, by_rule: { papua: 1 } });
    const pl = f.accounts['PL-0004'];
    const current = await f.db.kysely.selectFrom('assignments').select(['user_id', 'team_id', 'reason']).where('account_id', '=', pl.id).where('unassigned_at', 'is', null).executeTakeFirstOrThrow();
    expect(current).toEqual({ user_id: f.agentB1.user.id, team_id: f.teamB, reason: 'rule papua' });
    const openCase = await f.db.kysely.selectFrom('cases').select(['status', 'queue']).where('account_id', '=', pl.id).execute();
    expect(openCase).toEqual([{ status: 'open', queue: 'desk_l1' }]);
    expect((await sup.post('/api/v1/assignments/auto')).json()).toMatchObject({ examined: 0, assigned: 0 });
    const accounts = (await asUser(f, f.agentB1).get('/api/v1/accounts')).json().items.map((a: { account_no: string }) => a.account_no).sort();
    expect(accounts).toEqual(['CC-0003', 'PL-0004']);
  });

  it('reassigns manually, keeping history, moving open work items and leaving one open case', async () => {
    const sup = asUser(f, f.supervisor);
    const pl = f.accounts['PL-0004'];
    await sup.post('/api/v1/work-items', { account_id: pl.id, kind: 'call' });
    const res = await sup.put(`/api/v1/accounts/${pl.id}/assignment`, { user_id: f.agentA2.user.id, reason: 'language: speaks Papuan Malay' });
    expect(res.json()).toEqual({ account_id: pl.id, user_id: f.agentA2.user.id, team_id: f.teamA });
    const history = await f.db.kysely.selectFrom('assignments').select(['user_id', 'unassigned_at']).where('account_id', '=', pl.id).orderBy('id').execute();
    expect(history.map((h) => [h.user_id, h.unassigned_at === null])).toEqual([
      [f.agentB1.user.id, false],
      [f.agentA2.user.id, true],
    ]);
    expect((await f.db.kysely.selectFrom('cases').select('id').where('account_id', '=', pl.id).where('status', '=', 'open').execute()).length).toBe(1);
    const queue = (await asUser(f, f.agentA2).get('/api/v1/work-queue/me')).json().items.map((i: { account_no: string }) => i.account_no);
    expect(queue).toContain('PL-0004');
    expect((await asUser(f, f.agentB1).get(`/api/v1/accounts/${pl.id}`)).statusCode).toBe(404);
    expect((await sup.put(`/api/v1/accounts/${pl.id}/assignment`, { reason: 'nobody' })).statusCode).toBe(400);
    expect((await asUser(f, f.agentA2).put(`/api/v1/accounts/${pl.id}/assignment`, { user_id: f.agentA2.user.id, reason: 'mine' })).statusCode).toBe(403);
  });
});
