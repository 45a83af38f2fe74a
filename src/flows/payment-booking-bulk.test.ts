import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../test/support/app.ts';
import { testDatabases } from '../../test/support/databases.ts';
import { loginAs, type LoggedIn } from '../../test/support/users.ts';
import type { Db } from '../db/connection.ts';
import { verifyAuditChain } from '../modules/audit/index.ts';
import { reconcileStatement, type BookPaymentsStep } from '../modules/payments/index.ts';
import { createAccount } from '../modules/payments/test-fixtures.ts';
import { bookPaymentFlow, bookPaymentsFlow } from './payment-booking.ts';

const actor = { id: null, label: 'test' };
const AT = new Date('2026-11-23T03:00:00Z');

/** Every kind of effect a booking has, several lines per account, two accounts paying off, one with an approved settlement. */
const STATEMENT = [
  'date,description,amount,reference,currency',
  '2026-11-20,SETORAN VA,700000,VA8808000000001,IDR', // schedule: fee+penalty+interest, then principal, across seqs
  '2026-11-21,SETORAN VA,900000,VA8808000000002,IDR', // no schedule: over-payment → credit, paid off, case closed
  '2026-11-21,SETORAN VA,1500000,VA8808000000001,IDR', // second line of account 1: allocates after the first
  '2026-11-22,SETORAN VA,400000,VA8808000000003,IDR', // promise partly paid
  '2026-11-22,SETORAN VA,600000,VA8808000000003,IDR', // ... then kept
  '2026-11-22,SETORAN VA,800000,VA8808000000004,IDR', // approved settlement: plan completed, account settled
  '2026-11-22,SETORAN VA,600000,VA8808000000001,IDR', // third line of account 1: pays off, case closed
  '2026-11-22,SETORAN VA,600000,VA8808000000001,IDR', // the same line again (another occurrence): credit on a paid-off account
  '2026-11-23,SETORAN VA,250000,VA8808000000005,IDR', // other time zone, bucket/Kol back to current
  '2026-11-23,SETORAN VA,100000,VA8808000000006,IDR', // schedule, partial, stays delinquent
].join('\n');

async function seed(db: Db, app: FastifyInstance, user: LoggedIn): Promise<void> {
  const k = db.kysely;
  await createAccount(k, {
    accountNo: 'EQ-1',
    va: '8808000000001',
    outstanding: 2_650_000n,
    oldestUnpaidDueDate: '2026-10-01',
    dpd: 53,
    bucket: '31-60',
    kol: 2,
    asOf: '2026-11-23',
    openCase: true,
    schedule: [
      { seq: 1, dueDate: '2026-10-01', principal: 600_000n, interest: 100_000n, fee: 25_000n, penalty: 25_000n },
      { seq: 2, dueDate: '2026-11-01', principal: 600_000n, interest: 100_000n, fee: 25_000n },
      { seq: 3, dueDate: '2026-12-01', principal: 1_000_000n, interest: 100_000n },
    ],
  });
  await createAccount(k, { accountNo: 'EQ-2', va: '8808000000002', outstanding: 750_000n, oldestUnpaidDueDate: '2026-11-10', dpd: 13, bucket: '1-30', kol: 2, asOf: '2026-11-23', openCase: true });
  const p3 = await createAccount(k, { accountNo: 'EQ-3', va: '8808000000003', outstanding: 5_000_000n, oldestUnpaidDueDate: '2026-11-05', dpd: 18, bucket: '1-30', kol: 2, asOf: '2026-11-23' });
  await k
    .insertInto('promises_to_pay')
    .values({ account_id: p3.accountId, debtor_id: p3.debtorId, amount_idr: 1_000_000n, promised_date: '2026-11-24', source: 'agent', created_at: new Date('2026-11-18T03:00:00Z') })
    .execute();
  const s4 = await createAccount(k, { accountNo: 'EQ-4', va: '8808000000004', outstanding: 1_000_000n, schedule: [{ seq: 1, dueDate: '2026-11-01', principal: 1_000_000n }], openCase: true });
  const proposed = await app.inject({ method: 'POST', url: `/api/v1/accounts/${s4.accountId}/plans`, payload: { kind: 'settlement', discount_idr: '200000', first_due_date: '2026-12-20' }, headers: user.headers });
  expect(proposed.statusCode).toBe(201);
  expect((await app.inject({ method: 'POST', url: `/api/v1/plans/${proposed.json().id}/approve`, payload: { reason: 'offer' }, headers: user.headers })).statusCode).toBe(200);
  await createAccount(k, { accountNo: 'EQ-5', va: '8808000000005', outstanding: 3_000_000n, oldestUnpaidDueDate: '2026-11-20', dpd: 3, bucket: '1-30', kol: 2, asOf: '2026-11-23', timezone: 'Asia/Jayapura', schedule: [{ seq: 1, dueDate: '2026-11-20', principal: 250_000n }, { seq: 2, dueDate: '2026-12-20', principal: 2_750_000n }] });
  await createAccount(k, { accountNo: 'EQ-6', va: '8808000000006', outstanding: 2_000_000n, oldestUnpaidDueDate: '2026-09-15', dpd: 69, bucket: '61-90', kol: 3, asOf: '2026-11-23', schedule: [{ seq: 1, dueDate: '2026-09-15', principal: 1_000_000n }, { seq: 2, dueDate: '2026-10-15', principal: 1_000_000n }] });
}

/** Everything bookings change, keyed by what both databases share (account numbers, idempotency keys), ids replaced by what they point at. */
async function dump(db: Db): Promise<unknown> {
  const k = db.kysely;
  const q = async (text: string) => (await sql.raw(text).execute(k)).rows;
  return {
    accounts: await q(`select account_no, outstanding_idr::text, credit_balance_idr::text, oldest_unpaid_due_date::text, dpd, bucket, kol, delinquency_as_of::text, status from accounts order by account_no`),
    schedule: await q(`select a.account_no, s.seq, s.fee_paid::text, s.penalty_paid::text, s.interest_paid::text, s.principal_paid::text from account_schedule s join accounts a on a.id = s.account_id order by 1, 2`),
    payments: await q(`select p.idempotency_key, a.account_no, p.amount_idr::text, p.paid_at, p.value_date::text, p.channel, p.source, p.external_ref, p.status,
                              p.effects - 'closedCaseId' - 'delinquencyTransition' - 'promises' as effects, (p.effects->>'closedCaseId') is not null as closed_case,
                              p.effects->'delinquencyTransition' is not null and p.effects->>'delinquencyTransition' is not null as transition,
                              (select json_agg(e - 'id' order by e->>'applied') from jsonb_array_elements(p.effects->'promises') e) as promises
                         from payments p join accounts a on a.id = p.account_id order by 1`),
    allocations: await q(`select p.idempotency_key, x.schedule_seq, x.component, x.amount_idr::text from payment_allocations x join payments p on p.id = x.payment_id order by 1, x.id`),
    promises: await q(`select a.account_no, t.amount_idr::text, t.paid_idr::text, t.status, t.evaluated_at from promises_to_pay t join accounts a on a.id = t.account_id order by 1, 2`),
    plans: await q(`select a.account_no, pl.kind, pl.status, pl.completed_at from payment_plans pl join accounts a on a.id = pl.account_id order by 1`),
    cases: await q(`select a.account_no, c.status, c.closed_at, c.close_reason from cases c join accounts a on a.id = c.account_id order by 1`),
    delinquency: await q(`select a.account_no, h.bucket, h.kol, h.added_on::text, h.lifted_on::text from delinquency_history h join accounts a on a.id = h.account_id order by 1, h.id`),
    audit: await q(`select coalesce(p.idempotency_key, a.account_no) as key, l.action, l.entity_type, l.details - 'promises' - 'account_id' - 'plan_id' as details,
                           jsonb_array_length(coalesce(l.details->'promises', '[]')) as promises
                      from audit_log l left join payments p on l.entity_type = 'payment' and p.id::text = l.entity_id
                      left join accounts a on l.entity_type = 'account' and a.id::text = l.entity_id
                     where l.action like 'payment.%' or l.action like 'plan.%' order by 1, 2, 4::text`),
    lines: await q(`select line_no, status, rule, amount_idr::text, payment_id is not null as booked from statement_lines order by line_no`),
  };
}

describe.each(testDatabases)('set-based booking of a statement on $name', (target) => {
  const dbs: Db[] = [];
  const apps: FastifyInstance[] = [];
  const users: LoggedIn[] = [];
  beforeAll(async () => {
    for (let i = 0; i < 2; i++) {
      const db = await target.open();
      const { app, deps } = await testApp(db, { now: () => new Date('2026-11-22T03:00:00Z') });
      dbs.push(db);
      apps.push(app);
      users.push(await loginAs(app, deps, 'supervisor'));
      await seed(db, app, users[i]!);
    }
  });
  afterAll(async () => {
    for (const a of apps) await a.close();
    for (const d of dbs) await d.close();
  });

  const reconcile = (db: Db, bookMany?: BookPaymentsStep, batchSize = 4) =>
    reconcileStatement(db.kysely, { text: STATEMENT, fileName: 'eq.csv', actor, receivedAt: AT, book: bookPaymentFlow, ...(bookMany ? { bookMany } : {}), batchSize });

  it('changes accounts, schedules, payments, allocations, promises, plans, cases, history and audit exactly as booking line by line', async () => {
    const one = await reconcile(dbs[0]!);
    const bulk = await reconcile(dbs[1]!, bookPaymentsFlow);
    if (!one.ok || !bulk.ok) throw new Error('statement rejected');
    expect(bulk.summary).toEqual({ matched: 10, suggested: 0, unmatched: 0 });
    const [a, b] = [await dump(dbs[0]!), await dump(dbs[1]!)];
    expect(b).toEqual(a);
    // The fixture really exercises every effect.
    const s = JSON.stringify(b);
    for (const needle of ['"status":"paid_off"', '"status":"settled"', '"status":"kept"', '"status":"completed"', '"close_reason":"paid_off"', '"component":"credit"', '"component":"fee"', '"component":"penalty"', '"transition":true']) {
      expect(s).toContain(needle);
    }
    expect(await verifyAuditChain(dbs[1]!.kysely)).toMatchObject({ ok: true });
  });

  it('books nothing twice when the statement is reconciled again', async () => {
    const before = await dump(dbs[1]!);
    const again = await reconcile(dbs[1]!, bookPaymentsFlow);
    expect(again.ok && again.newLines).toBe(0);
    expect(await dump(dbs[1]!)).toEqual(before);
  });

  it('leaves nothing behind when booking fails part-way, and a re-run books every line once', async () => {
    const db = await target.open();
    const { app, deps } = await testApp(db, { now: () => new Date('2026-11-22T03:00:00Z') });
    try {
      await seed(db, app, await loginAs(app, deps, 'supervisor'));
      let calls = 0;
      const failing: BookPaymentsStep = async (trx, inputs, rules) => {
        calls++;
        if (calls === 2) throw new Error('connection lost');
        return bookPaymentsFlow(trx, inputs, rules);
      };
      await expect(reconcile(db, failing)).rejects.toThrow('connection lost');
      const counts = async () => (await sql<{ n: number }>`select (select count(*) from payments)::int + (select count(*) from statement_lines)::int as n`.execute(db.kysely)).rows[0]!.n;
      expect(await counts()).toBe(0);
      const r = await reconcile(db, bookPaymentsFlow);
      expect(r.ok && r.summary.matched).toBe(10);
      expect((await db.kysely.selectFrom('payments').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n).toBe(10);
    } finally {
      await app.close();
      await db.close();
    }
  });
});
