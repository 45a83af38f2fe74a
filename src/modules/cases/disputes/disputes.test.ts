import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../../test/support/databases.ts';
import { SYSTEM_ACTOR } from '../../audit/index.ts';
import { openDispute } from '../index.ts';
import { asUser, casesFixture, type CasesFixture } from '../test-fixture.ts';

describe.each(testDatabases)('disputes and complaints on $name', (target) => {
  let f: CasesFixture;
  beforeAll(async () => {
    f = await casesFixture(target);
  });
  afterAll(async () => f.close());

  it('opens a dispute with a reference and an SLA clock, and it is the hold the planner reads', async () => {
    const { id, debtor_id } = f.accounts['KTA-0001'];
    const res = await asUser(f, f.agentA1).post('/api/v1/disputes', { kind: 'dispute', debtor_id, account_id: id, category: 'amount', description: 'Debtor says the balance includes a paid instalment' });
    expect(res.statusCode, res.body).toBe(201);
    const d = res.json();
    expect(d.reference).toMatch(/^DSP-2026-\d{6}$/);
    expect(d).toMatchObject({ status: 'open', kind: 'dispute', opened_via: 'agent', opened_by: f.agentA1.user.id, sla_due_at: '2026-12-14T03:00:00.000Z', sla_breached: false });
    const hold = await f.db.kysely.selectFrom('disputes').select('id').where('debtor_id', '=', debtor_id).where('status', '=', 'open').where('kind', '=', 'dispute').execute();
    expect(hold).toHaveLength(1);
    const complaint = await asUser(f, f.agentA1).post('/api/v1/disputes', { kind: 'complaint', debtor_id, description: 'Collector called too often' });
    expect(complaint.json().reference).toMatch(/^CMP-2026-\d{6}$/);
    expect(complaint.json().sla_due_at).toBe('2026-12-14T03:00:00.000Z');
  });

  it('refuses an account of another debtor and a debtor out of scope', async () => {
    const other = f.accounts['CC-0003'];
    const wrongAccount = await asUser(f, f.supervisor).post('/api/v1/disputes', { kind: 'dispute', debtor_id: f.accounts['KTA-0001'].debtor_id, account_id: other.id, description: 'mismatched account' });
    expect(wrongAccount.statusCode).toBe(400);
    expect(wrongAccount.json().error.details[0].path).toBe('/account_id');
    expect((await asUser(f, f.agentB1).post('/api/v1/disputes', { kind: 'dispute', debtor_id: f.accounts['KTA-0001'].debtor_id, description: 'not my debtor' })).statusCode).toBe(404);
  });

  it('lists disputes by scope: an agent of another team sees none of them', async () => {
    const all = (await asUser(f, f.supervisor).get('/api/v1/disputes?status=open')).json();
    expect(all.items.length).toBe(2);
    expect((await asUser(f, f.agentB1).get('/api/v1/disputes')).json().items).toEqual([]);
    expect((await asUser(f, f.agentA1).get('/api/v1/disputes?kind=complaint')).json().items).toHaveLength(1);
    expect((await asUser(f, f.agentB1).get(`/api/v1/disputes/${all.items[0].id}`)).statusCode).toBe(404);
    const first = (await asUser(f, f.supervisor).get('/api/v1/disputes?limit=1')).json();
    const second = (await asUser(f, f.supervisor).get(`/api/v1/disputes?limit=1&cursor=${first.next_cursor}`)).json();
    expect([first.items[0].id, second.items[0].id].sort()).toEqual(all.items.map((d: { id: string }) => d.id).sort());
    expect(second.next_cursor).toBeNull();
  });

  it('lists SLA breaches once the clock passes, and resolving closes the hold with an audit row', async () => {
    const compliance = asUser(f, f.compliance);
    expect((await compliance.get('/api/v1/disputes/sla-breaches')).json().items).toEqual([]);
    // Opened 20 days ago: a 14-day SLA is behind us.
    const old = await f.db.kysely.transaction().execute((trx) =>
      openDispute(trx, { kind: 'dispute', debtorId: f.accounts['KTA-0001'].debtor_id, description: 'old letter', openedVia: 'letter' }, { now: new Date('2026-11-10T03:00:00Z'), actor: SYSTEM_ACTOR }),
    );
    const breaches = (await compliance.get('/api/v1/disputes/sla-breaches')).json().items;
    expect(breaches.map((d: { id: string }) => d.id)).toEqual([old.id]);
    expect(breaches[0].sla_breached).toBe(true);
    expect((await asUser(f, f.agentA1).post(`/api/v1/disputes/${old.id}/resolve`, { status: 'resolved', resolution: 'x' })).statusCode).toBe(403);
    const res = await asUser(f, f.supervisor).post(`/api/v1/disputes/${old.id}/resolve`, { status: 'rejected', resolution: 'Payment records checked: balance is correct' });
    expect(res.json()).toMatchObject({ status: 'rejected', resolved_by: f.supervisor.user.id, sla_breached: true });
    expect((await asUser(f, f.supervisor).post(`/api/v1/disputes/${old.id}/resolve`, { status: 'resolved', resolution: 'again please' })).statusCode).toBe(409);
    expect((await compliance.get('/api/v1/disputes/sla-breaches')).json().items).toEqual([]);
    const audit = await f.db.kysely.selectFrom('audit_log').select(['action', 'reason']).where('action', '=', 'dispute.reject').execute();
    expect(audit).toEqual([{ action: 'dispute.reject', reason: 'Payment records checked: balance is correct' }]);
  });

  it('opens inside a caller transaction with references that never repeat', async () => {
    const debtorId = f.accounts['PL-0004'].debtor_id;
    const refs = await f.db.kysely.transaction().execute(async (trx) => {
      const a = await openDispute(trx, { kind: 'dispute', debtorId, description: 'via assistant', openedVia: 'assistant' }, { now: f.clock.now, actor: SYSTEM_ACTOR });
      const b = await openDispute(trx, { kind: 'complaint', debtorId, description: 'via assistant', openedVia: 'assistant' }, { now: f.clock.now, actor: SYSTEM_ACTOR });
      return [a.reference, b.reference];
    });
    expect(new Set(refs).size).toBe(2);
    const all = await f.db.kysely.selectFrom('disputes').select('reference').execute();
    expect(new Set(all.map((r) => r.reference)).size).toBe(all.length);
  });
});
