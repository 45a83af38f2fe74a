import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { testDatabases } from '../../../test/support/databases.ts';
import { testApp } from '../../../test/support/app.ts';
import { loginAs, type LoggedIn } from '../../../test/support/users.ts';
import type { AppDeps } from '../../app-deps.ts';
import type { Db } from '../../db/connection.ts';
import { bookPayment } from '../payments/index.ts';
import { createAccount } from '../payments/test-fixtures.ts';
import { DEFAULT_PLAN_POLICY, markPlanBreaches } from './index.ts';

describe.each(testDatabases)('payment plans and settlements on $name', (target) => {
  let db: Db;
  let app: FastifyInstance;
  let deps: AppDeps;
  let agent: LoggedIn;
  let supervisor: LoggedIn;
  let admin: LoggedIn;
  let accountId: string;
  let clock = new Date('2026-11-23T03:00:00Z');

  beforeAll(async () => {
    db = await target.open();
    ({ app, deps } = await testApp(db, { now: () => clock, env: { TAGIH_SANDBOX_GATEWAY_KEY: 'plans-sandbox-key-0123456789' } }));
    agent = await loginAs(app, deps, 'agent');
    supervisor = await loginAs(app, deps, 'supervisor');
    admin = await loginAs(app, deps, 'admin');
    ({ accountId } = await createAccount(db.kysely, {
      accountNo: 'PL-7001',
      outstanding: 12_000_000n,
      oldestUnpaidDueDate: '2026-09-01',
      dpd: 83,
      bucket: '61-90',
      kol: 2,
      asOf: '2026-11-23',
      schedule: [
        { seq: 1, dueDate: '2026-09-01', principal: 2_000_000n, paid: 500_000n },
        { seq: 2, dueDate: '2026-10-01', principal: 2_000_000n },
        { seq: 3, dueDate: '2026-11-01', principal: 2_000_000n },
        { seq: 4, dueDate: '2026-12-01', principal: 2_000_000n },
        { seq: 5, dueDate: '2027-01-01', principal: 2_000_000n },
        { seq: 6, dueDate: '2027-02-01', principal: 2_000_000n },
      ],
      openCase: true,
    }));
    await db.kysely.insertInto('assignments').values({ account_id: accountId, user_id: agent.user.id, reason: 'test' }).execute();
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });
  // Each step a minute later, so "newest first" is well defined.
  beforeEach(() => {
    clock = new Date(clock.getTime() + 60_000);
  });

  const post = (who: LoggedIn, url: string, payload: object) => app.inject({ method: 'POST', url, payload, headers: who.headers });
  const account = () => db.kysely.selectFrom('accounts').select(['outstanding_idr', 'status', 'oldest_unpaid_due_date']).where('id', '=', accountId).executeTakeFirstOrThrow();

  it('rejects a proposal that breaks the policy, naming each field', async () => {
    const res = await post(agent, `/api/v1/accounts/${accountId}/plans`, { kind: 'restructure', instalments: 48, first_payment_idr: '100000', first_due_date: '2026-11-01' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.map((d: { field: string }) => d.field).sort()).toEqual(['first_due_date', 'first_payment', 'instalments']);
  });

  it('an agent proposes and approves a restructure without discount; it replaces the forward schedule and keeps the old one', async () => {
    const proposed = await post(agent, `/api/v1/accounts/${accountId}/plans`, { kind: 'restructure', source: 'agent', instalments: 12, first_payment_idr: '1200001', first_due_date: '2026-12-05' });
    expect(proposed.statusCode).toBe(201);
    const plan = proposed.json();
    expect(plan).toMatchObject({ status: 'proposed', required_role: 'agent', total_idr: '12000000', instalments: 12 });
    expect(plan.schedule.reduce((s: bigint, i: { amount_idr: string }) => s + BigInt(i.amount_idr), 0n)).toBe(12_000_000n);
    expect(plan.schedule[11]).toMatchObject({ seq: 12, due_date: '2027-11-05' });

    const approved = await post(agent, `/api/v1/plans/${plan.id}/approve`, { reason: 'debtor lost job, income restored next month' });
    expect(approved.statusCode).toBe(200);
    expect(approved.json().status).toBe('approved');
    const schedule = await db.kysely.selectFrom('account_schedule').select(['seq', 'due_date', 'principal_due', 'principal_paid', 'plan_id']).where('account_id', '=', accountId).orderBy('seq').execute();
    // The partly paid row keeps what was paid; the unpaid rows are gone; the plan's 12 rows follow.
    expect(schedule[0]).toMatchObject({ seq: 1, principal_due: 500_000n, principal_paid: 500_000n, plan_id: null });
    expect(schedule.filter((r) => r.plan_id === plan.id)).toHaveLength(12);
    expect(schedule.filter((r) => r.plan_id === plan.id).reduce((s, r) => s + r.principal_due, 0n)).toBe(12_000_000n);
    const archived = await db.kysely.selectFrom('account_schedule_archive').select(['seq', 'principal_due']).where('replaced_by_plan_id', '=', plan.id).orderBy('seq').execute();
    expect(archived).toHaveLength(6);
    expect(archived[1]).toEqual({ seq: 2, principal_due: 2_000_000n });
    expect(await account()).toMatchObject({ status: 'restructured', oldest_unpaid_due_date: '2026-12-05' });
    const audits = await db.kysely.selectFrom('audit_log').select(['action', 'reason']).where('entity_id', '=', accountId).orderBy('seq').execute();
    expect(audits.map((a) => a.action)).toEqual(expect.arrayContaining(['plan.proposed', 'plan.approved']));
  });

  it('routes discounts by role: an agent cannot decide a 25% settlement, a supervisor can', async () => {
    const proposed = (await post(agent, `/api/v1/accounts/${accountId}/plans`, { kind: 'settlement', source: 'portal', discount_idr: '3000000', first_due_date: '2026-11-30' })).json();
    expect(proposed).toMatchObject({ required_role: 'supervisor', total_idr: '9000000', first_payment_idr: '9000000', instalments: 1 });
    const byAgent = await post(agent, `/api/v1/plans/${proposed.id}/approve`, { reason: 'ok' });
    expect(byAgent.statusCode).toBe(403);
    expect(byAgent.json().error.message).toMatch(/supervisor/);
    const bySupervisor = await post(supervisor, `/api/v1/plans/${proposed.id}/approve`, { reason: 'one-off settlement offer, campaign Q4' });
    expect(bySupervisor.statusCode).toBe(200);
    const plans = (await app.inject({ url: `/api/v1/accounts/${accountId}/plans`, headers: agent.headers })).json().items;
    expect(plans.map((p: { kind: string; status: string }) => `${p.kind}:${p.status}`)).toEqual(['settlement:approved', 'restructure:superseded']);
    const live = await db.kysely.selectFrom('account_schedule').select(['principal_due', 'due_date']).where('plan_id', '=', proposed.id).execute();
    expect(live).toEqual([{ principal_due: 9_000_000n, due_date: '2026-11-30' }]);
  });

  it('a proposal above 30% needs an admin, and rejecting needs the same authority', async () => {
    const p = (await post(agent, `/api/v1/accounts/${accountId}/plans`, { kind: 'settlement', discount_idr: '4000000', first_due_date: '2026-11-30' })).json();
    expect(p.required_role).toBe('admin');
    expect((await post(supervisor, `/api/v1/plans/${p.id}/reject`, { reason: 'too generous' })).statusCode).toBe(403);
    const rejected = await post(admin, `/api/v1/plans/${p.id}/reject`, { reason: 'too generous for Kol 2' });
    expect(rejected.json()).toMatchObject({ status: 'rejected', decision_reason: 'too generous for Kol 2' });
    expect((await post(admin, `/api/v1/plans/${p.id}/approve`, { reason: 'changed my mind' })).statusCode).toBe(409);
  });

  it('refuses to approve a plan whose balance changed since the proposal', async () => {
    const p = (await post(agent, `/api/v1/accounts/${accountId}/plans`, { kind: 'settlement', discount_idr: '100000', first_due_date: '2026-11-30' })).json();
    await db.kysely.updateTable('accounts').set({ outstanding_idr: 11_900_000n }).where('id', '=', accountId).execute();
    const res = await post(agent, `/api/v1/plans/${p.id}/approve`, { reason: 'ok' });
    expect(res.statusCode).toBe(409);
    await db.kysely.updateTable('accounts').set({ outstanding_idr: 12_000_000n }).where('id', '=', accountId).execute();
  });

  it('paying the settlement in full (through a gateway) writes off the discount and closes the account and case', async () => {
    const va = (await post(supervisor, `/api/v1/accounts/${accountId}/virtual-accounts`, { gateway: 'sandbox', bank: 'bni' })).json();
    const paid = await post(supervisor, '/api/v1/gateways/sandbox/simulate', { instrument_id: va.id, amount_idr: '9000000' });
    expect(paid.json().verdict).toBe('booked');
    expect(await account()).toMatchObject({ outstanding_idr: 0n, status: 'settled' });
    const cases = await db.kysely.selectFrom('cases').select(['status', 'close_reason']).where('account_id', '=', accountId).execute();
    expect(cases.every((c) => c.status === 'closed')).toBe(true);
    const plans = (await app.inject({ url: `/api/v1/accounts/${accountId}/plans`, headers: supervisor.headers })).json().items;
    expect(plans.find((p: { kind: string; status: string }) => p.kind === 'settlement' && p.status === 'completed')).toBeDefined();
    const settled = await db.kysely.selectFrom('audit_log').select('details').where('action', '=', 'plan.settled').executeTakeFirstOrThrow();
    expect(settled.details).toMatchObject({ written_off_idr: '3000000' });
  });

  it('marks a plan breached once its oldest unpaid instalment is past grace', async () => {
    const { accountId: other } = await createAccount(db.kysely, { accountNo: 'PL-7002', outstanding: 6_000_000n, schedule: [{ seq: 1, dueDate: '2026-11-01', principal: 6_000_000n }] });
    const p = (await post(supervisor, `/api/v1/accounts/${other}/plans`, { kind: 'restructure', instalments: 6, first_payment_idr: '1000000', first_due_date: '2026-12-01' })).json();
    expect((await post(supervisor, `/api/v1/plans/${p.id}/approve`, { reason: 'standard restructure' })).statusCode).toBe(200);
    expect(await markPlanBreaches(deps, DEFAULT_PLAN_POLICY, new Date('2026-12-08T03:00:00Z'))).toEqual({ checked: 1, breached: 0, completed: 0 });
    expect(await markPlanBreaches(deps, DEFAULT_PLAN_POLICY, new Date('2026-12-09T03:00:00Z'))).toEqual({ checked: 1, breached: 1, completed: 0 });
    const row = await db.kysely.selectFrom('payment_plans').select(['status', 'breached_at']).where('id', '=', p.id).executeTakeFirstOrThrow();
    expect(row.status).toBe('breached');
  });

  it('the daily step also closes a settlement paid through a path that did not apply plan progress', async () => {
    const { accountId: third } = await createAccount(db.kysely, { accountNo: 'PL-7004', outstanding: 1_000_000n, schedule: [{ seq: 1, dueDate: '2026-11-01', principal: 1_000_000n }], openCase: true });
    const p = (await post(supervisor, `/api/v1/accounts/${third}/plans`, { kind: 'settlement', discount_idr: '200000', first_due_date: '2026-12-20' })).json();
    expect((await post(supervisor, `/api/v1/plans/${p.id}/approve`, { reason: 'settlement offer' })).statusCode).toBe(200);
    // Paid as a statement would book it: straight through the booking flow.
    await db.kysely.transaction().execute((trx) =>
      bookPayment(trx, { accountId: third, amountIdr: 800_000n, valueDate: '2026-12-10', receivedAt: new Date('2026-12-10T03:00:00Z'), source: 'statement', reference: 'TRF', idempotencyKey: 'stmt:1' }),
    );
    expect(await markPlanBreaches(deps, DEFAULT_PLAN_POLICY, new Date('2026-12-11T03:00:00Z'))).toMatchObject({ completed: 1 });
    const acc = await db.kysely.selectFrom('accounts').select(['status', 'outstanding_idr']).where('id', '=', third).executeTakeFirstOrThrow();
    expect(acc).toEqual({ status: 'settled', outstanding_idr: 0n });
  });

  it('keeps agents to their own accounts', async () => {
    const { accountId: notMine } = await createAccount(db.kysely, { accountNo: 'PL-7003', outstanding: 1_000_000n });
    expect((await post(agent, `/api/v1/accounts/${notMine}/plans`, { kind: 'settlement', first_due_date: '2026-11-30' })).statusCode).toBe(404);
    expect((await app.inject({ url: `/api/v1/accounts/${notMine}/plans`, headers: agent.headers })).statusCode).toBe(404);
  });
});
