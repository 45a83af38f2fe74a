import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/support/databases.ts';
import type { Db } from '../../db/connection.ts';
import { bookPayment, reversePayment } from './index.ts';
import { accountSnapshot, createAccount, truncatePayments } from './test-fixtures.ts';

const AT = new Date('2026-11-23T03:00:00Z'); // 10:00 in Jakarta, business date 2026-11-23
const actor = { id: null, label: 'test' };

describe.each(testDatabases)('bookPayment / reversePayment on $name', (target) => {
  let db: Db;
  beforeAll(async () => {
    db = await target.open();
  });
  afterAll(async () => db.close());
  beforeEach(async () => truncatePayments(db.kysely));

  const overdue = (accountNo: string, openCase = false) =>
    createAccount(db.kysely, {
      accountNo,
      outstanding: 3_300_000n,
      installment: 1_100_000n,
      oldestUnpaidDueDate: '2026-09-20',
      dpd: 64,
      bucket: '61-90',
      kol: 2,
      asOf: '2026-11-23',
      openCase,
      schedule: [
        { seq: 1, dueDate: '2026-09-20', principal: 900_000n, interest: 150_000n, fee: 25_000n, penalty: 25_000n },
        { seq: 2, dueDate: '2026-10-20', principal: 900_000n, interest: 150_000n, fee: 25_000n, penalty: 25_000n },
        { seq: 3, dueDate: '2026-11-20', principal: 900_000n, interest: 150_000n, fee: 25_000n, penalty: 25_000n },
      ],
    });
  const pay = (accountId: string, amount: bigint, key: string, valueDate = '2026-11-22') =>
    bookPayment(db.kysely, { accountId, amountIdr: amount, valueDate, receivedAt: AT, source: 'manual', reference: `REF-${key}`, idempotencyKey: key, actor });

  it('allocates a partial payment fee → penalty → interest → principal, oldest instalment first, and updates DPD, bucket, Kol and history', async () => {
    const { accountId } = await overdue('KTA-1');
    const r = await pay(accountId, 1_300_000n, 'p1');
    expect(r.replayed).toBe(false);
    expect(r.allocations.map((a) => [a.seq, a.component, a.amount])).toEqual([
      [1, 'fee', 25_000n],
      [1, 'penalty', 25_000n],
      [1, 'interest', 150_000n],
      [1, 'principal', 900_000n],
      [2, 'fee', 25_000n],
      [2, 'penalty', 25_000n],
      [2, 'interest', 150_000n],
    ]);
    const a = await db.kysely.selectFrom('accounts').selectAll().where('id', '=', accountId).executeTakeFirstOrThrow();
    expect(a).toMatchObject({ outstanding_idr: 2_000_000n, credit_balance_idr: 0n, oldest_unpaid_due_date: '2026-10-20', dpd: 34, bucket: '31-60', kol: 2, delinquency_as_of: '2026-11-23' });
    const hist = await db.kysely.selectFrom('delinquency_history').select(['bucket', 'lifted_on']).where('account_id', '=', accountId).orderBy('id').execute();
    expect(hist).toEqual([
      { bucket: '61-90', lifted_on: '2026-11-23' },
      { bucket: '31-60', lifted_on: null },
    ]);
    const s2 = await db.kysely.selectFrom('account_schedule').selectAll().where('account_id', '=', accountId).where('seq', '=', 2).executeTakeFirstOrThrow();
    expect([s2.fee_paid, s2.penalty_paid, s2.interest_paid, s2.principal_paid]).toEqual([25_000n, 25_000n, 150_000n, 0n]);
    const auditRows = await db.kysely.selectFrom('audit_log').select(['action', 'entity_id']).execute();
    expect(auditRows).toEqual([{ action: 'payment.booked', entity_id: r.paymentId }]);
  });

  it('books once per idempotency key: a replay returns the same payment and changes nothing; a reused key for another amount is a conflict', async () => {
    const { accountId } = await overdue('KTA-2');
    const first = await pay(accountId, 500_000n, 'same');
    const before = await accountSnapshot(db.kysely, accountId);
    const again = await pay(accountId, 500_000n, 'same');
    expect(again).toMatchObject({ paymentId: first.paymentId, replayed: true });
    expect(again.allocations).toEqual(first.allocations);
    expect(await accountSnapshot(db.kysely, accountId)).toEqual(before);
    expect(await db.kysely.selectFrom('payments').select('id').execute()).toHaveLength(1);
    await expect(pay(accountId, 600_000n, 'same')).rejects.toMatchObject({ code: 'TAGIH_CONFLICT' });
  });

  it('books replays racing on one account exactly once', async () => {
    const { accountId } = await overdue('KTA-3');
    const results = await Promise.all(Array.from({ length: 8 }, () => pay(accountId, 200_000n, 'race')));
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(new Set(results.map((r) => r.paymentId)).size).toBe(1);
    const a = await db.kysely.selectFrom('accounts').select('outstanding_idr').where('id', '=', accountId).executeTakeFirstOrThrow();
    expect(a.outstanding_idr).toBe(3_100_000n);
  });

  it('keeps the credit of an over-payment, marks the account paid off and closes its case; reversal reopens it', async () => {
    const { accountId } = await overdue('KTA-4', true);
    const before = await accountSnapshot(db.kysely, accountId);
    const r = await pay(accountId, 3_500_000n, 'big');
    expect(r.paidOff).toBe(true);
    expect(r.allocations.at(-1)).toEqual({ seq: null, component: 'credit', amount: 200_000n });
    const a = await db.kysely.selectFrom('accounts').selectAll().where('id', '=', accountId).executeTakeFirstOrThrow();
    expect(a).toMatchObject({ outstanding_idr: 0n, credit_balance_idr: 200_000n, status: 'paid_off', dpd: 0, bucket: 'current', kol: 1, oldest_unpaid_due_date: null });
    const c = await db.kysely.selectFrom('cases').selectAll().where('account_id', '=', accountId).executeTakeFirstOrThrow();
    expect(c).toMatchObject({ status: 'closed', close_reason: 'paid_off' });
    const rev = await reversePayment(db.kysely, r.paymentId, 'transfer bounced', actor, AT);
    expect(rev.exact).toBe(true);
    expect(await accountSnapshot(db.kysely, accountId)).toEqual(before);
    const p = await db.kysely.selectFrom('payments').selectAll().where('id', '=', r.paymentId).executeTakeFirstOrThrow();
    expect(p).toMatchObject({ status: 'reversed', reversal_reason: 'transfer bounced', reversed_by: 'test' });
    await expect(reversePayment(db.kysely, r.paymentId, 'again', actor, AT)).rejects.toMatchObject({ code: 'TAGIH_CONFLICT' });
    expect((await db.kysely.selectFrom('audit_log').select('action').orderBy('seq').execute()).map((x) => x.action)).toEqual(['payment.booked', 'payment.reversed']);
  });

  it('keeps a pending promise to pay when the payment covers it, and reverses that too', async () => {
    const { accountId, debtorId } = await overdue('KTA-5');
    await db.kysely
      .insertInto('promises_to_pay')
      .values({ account_id: accountId, debtor_id: debtorId, amount_idr: 1_000_000n, promised_date: '2026-11-25', source: 'agent', created_at: new Date('2026-11-18T03:00:00Z') })
      .execute();
    const before = await accountSnapshot(db.kysely, accountId);
    const part = await pay(accountId, 400_000n, 'ptp-a');
    let ptp = await db.kysely.selectFrom('promises_to_pay').selectAll().executeTakeFirstOrThrow();
    expect([ptp.status, ptp.paid_idr]).toEqual(['pending', 400_000n]);
    const rest = await pay(accountId, 600_000n, 'ptp-b');
    ptp = await db.kysely.selectFrom('promises_to_pay').selectAll().executeTakeFirstOrThrow();
    expect([ptp.status, ptp.paid_idr]).toEqual(['kept', 1_000_000n]);
    await reversePayment(db.kysely, rest.paymentId, 'wrong account', actor, AT);
    await reversePayment(db.kysely, part.paymentId, 'wrong account', actor, AT);
    expect(await accountSnapshot(db.kysely, accountId)).toEqual(before);
  });

  it('reverses an older payment without disturbing a later one', async () => {
    const { accountId } = await overdue('KTA-6');
    const first = await pay(accountId, 1_100_000n, 'o1');
    await pay(accountId, 1_100_000n, 'o2');
    const rev = await reversePayment(db.kysely, first.paymentId, 'bounced', actor, AT);
    expect(rev.exact).toBe(false);
    const a = await db.kysely.selectFrom('accounts').selectAll().where('id', '=', accountId).executeTakeFirstOrThrow();
    // Undone by its own allocations: the later payment keeps the second instalment, so the first is unpaid again.
    expect(a).toMatchObject({ outstanding_idr: 2_200_000n, oldest_unpaid_due_date: '2026-09-20', dpd: 64, bucket: '61-90' });
    const paid = await db.kysely.selectFrom('account_schedule').select(['seq', 'principal_paid']).where('account_id', '=', accountId).orderBy('seq').execute();
    expect(paid.map((p) => p.principal_paid)).toEqual([0n, 900_000n, 0n]);
  });

  it('pays an account that has only an outstanding balance (no schedule)', async () => {
    const { accountId } = await createAccount(db.kysely, { accountNo: 'CC-1', outstanding: 800_000n, oldestUnpaidDueDate: '2026-10-01', dpd: 53, bucket: '31-60', kol: 2, asOf: '2026-11-23' });
    const r = await pay(accountId, 300_000n, 'cc');
    expect(r.allocations).toEqual([{ seq: null, component: 'principal', amount: 300_000n }]);
    const a = await db.kysely.selectFrom('accounts').selectAll().where('id', '=', accountId).executeTakeFirstOrThrow();
    expect(a).toMatchObject({ outstanding_idr: 500_000n, oldest_unpaid_due_date: '2026-10-01', dpd: 53 });
  });

  it('book then reverse restores the exact state (property over random schedules and amounts)', async () => {
    let n = 0;
    const instalment = fc.record({
      principal: fc.bigInt({ min: 0n, max: 2_000_000n }),
      interest: fc.bigInt({ min: 0n, max: 300_000n }),
      fee: fc.bigInt({ min: 0n, max: 50_000n }),
      penalty: fc.bigInt({ min: 0n, max: 50_000n }),
      paidShare: fc.integer({ min: 0, max: 100 }),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(instalment, { minLength: 0, maxLength: 6 }),
        fc.bigInt({ min: 0n, max: 1_000_000n }),
        fc.array(fc.bigInt({ min: 1n, max: 8_000_000n }), { minLength: 1, maxLength: 3 }),
        fc.boolean(),
        async (rows, extraOutstanding, amounts, withCase) => {
          n += 1;
          const schedule = rows.map((r, i) => ({
            seq: i + 1,
            dueDate: `2026-${String(6 + i).padStart(2, '0')}-15`,
            principal: r.principal,
            interest: r.interest,
            fee: r.fee,
            penalty: r.penalty,
            paid: (r.principal * BigInt(r.paidShare)) / 100n,
          }));
          const owed = schedule.reduce((s, r) => s + r.principal + r.interest + r.fee + r.penalty - r.paid, 0n) + extraOutstanding;
          const { accountId } = await createAccount(db.kysely, {
            accountNo: `P-${n}`,
            outstanding: owed,
            oldestUnpaidDueDate: owed > 0n ? '2026-06-15' : null,
            dpd: 10,
            bucket: '1-30',
            kol: 2,
            asOf: '2026-11-01',
            schedule,
            openCase: withCase,
          });
          const before = await accountSnapshot(db.kysely, accountId);
          const booked = [];
          for (const [i, amount] of amounts.entries()) booked.push(await pay(accountId, amount, `prop-${n}-${i}`));
          for (const b of booked.reverse()) {
            const r = await reversePayment(db.kysely, b.paymentId, 'property test', actor, AT);
            expect(r.exact).toBe(true);
          }
          expect(await accountSnapshot(db.kysely, accountId)).toEqual(before);
        },
      ),
      { numRuns: 30 },
    );
  });
});
