import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rupiah, type Rupiah } from '../money.ts';
import { planBooking, type AccountState, type ScheduleRow } from './plan-booking.ts';

const zero = { fee: rupiah(0), penalty: rupiah(0), interest: rupiah(0), principal: rupiah(0) };
const account = (outstanding: bigint): AccountState => ({
  outstanding: rupiah(outstanding),
  creditBalance: rupiah(0),
  oldestUnpaidDueDate: '2026-09-20',
  dpd: 64,
  bucket: '61-90',
  kol: 2,
  delinquencyAsOf: '2026-11-23',
  status: 'active',
});
const row = (seq: number, dueDate: string, principal: bigint, interest = 0n): ScheduleRow => ({
  seq,
  dueDate,
  due: { ...zero, principal: rupiah(principal), interest: rupiah(interest) },
  paid: zero,
});

describe('planBooking', () => {
  it('cures the oldest instalment first and measures DPD from the next unpaid one', () => {
    const plan = planBooking({
      amount: rupiah(1_100_000),
      valueDate: '2026-11-22',
      asOf: '2026-11-23',
      account: account(3_300_000n),
      schedule: [row(1, '2026-09-20', 1_000_000n, 100_000n), row(2, '2026-10-20', 1_000_000n, 100_000n), row(3, '2026-11-20', 1_000_000n, 100_000n)],
      promises: [],
    });
    expect(plan.after).toMatchObject({ outstanding: 2_200_000n, oldestUnpaidDueDate: '2026-10-20', dpd: 34, bucket: '31-60', kol: 2 });
    expect(plan.paidOff).toBe(false);
  });

  it('turns an over-payment into credit and pays the account off', () => {
    const plan = planBooking({ amount: rupiah(500), valueDate: '2026-11-22', asOf: '2026-11-23', account: account(300n), schedule: [], promises: [] });
    expect(plan.allocations).toEqual([
      { seq: null, component: 'principal', amount: 300n },
      { seq: null, component: 'credit', amount: 200n },
    ]);
    expect(plan.after).toMatchObject({ outstanding: 0n, creditBalance: 200n, status: 'paid_off', dpd: 0, kol: 1 });
  });

  it('fills promises by promised date, ignores promises made after the value date, and keeps one paid in full', () => {
    const plan = planBooking({
      amount: rupiah(700),
      valueDate: '2026-11-22',
      asOf: '2026-11-23',
      account: account(5_000n),
      schedule: [],
      promises: [
        { id: 'late', amount: rupiah(500), paid: rupiah(0), promisedDate: '2026-11-30', madeOn: '2026-11-10' },
        { id: 'early', amount: rupiah(400), paid: rupiah(100), promisedDate: '2026-11-25', madeOn: '2026-11-10' },
        { id: 'future', amount: rupiah(100), paid: rupiah(0), promisedDate: '2026-11-24', madeOn: '2026-11-23' },
      ],
    });
    expect(plan.promises).toEqual([
      { id: 'early', applied: 300n, paidAfter: 400n, statusAfter: 'kept' },
      { id: 'late', applied: 400n, paidAfter: 400n, statusAfter: 'pending' },
    ]);
  });

  it('property: every rupiah is allocated exactly once, never beyond what is owed, and outstanding falls by what was applied', () => {
    const arbRow = fc.record({ p: fc.bigInt({ min: 0n, max: 1_000_000n }), i: fc.bigInt({ min: 0n, max: 100_000n }), paid: fc.bigInt({ min: 0n, max: 1_000_000n }) });
    fc.assert(
      fc.property(fc.array(arbRow, { maxLength: 8 }), fc.bigInt({ min: 0n, max: 500_000n }), fc.bigInt({ min: 1n, max: 20_000_000n }), (rows, extra, amount) => {
        const schedule: ScheduleRow[] = rows.map((r, k) => ({
          seq: k + 1,
          dueDate: `2026-${String(1 + k).padStart(2, '0')}-10`,
          due: { ...zero, principal: rupiah(r.p), interest: rupiah(r.i) },
          paid: { ...zero, principal: rupiah(r.paid < r.p ? r.paid : r.p) },
        }));
        const open = schedule.reduce((s, r) => s + r.due.principal + r.due.interest - r.paid.principal, 0n);
        const plan = planBooking({ amount: rupiah(amount), valueDate: '2026-11-22', asOf: '2026-11-23', account: account(open + extra), schedule, promises: [] });
        const total = plan.allocations.reduce((s, a) => s + a.amount, 0n);
        expect(total).toBe(amount);
        const applied = plan.allocations.filter((a) => a.component !== 'credit').reduce((s, a) => s + a.amount, 0n) as Rupiah;
        expect(plan.after.outstanding).toBe(open + extra - applied);
        expect(plan.after.creditBalance).toBe(amount - applied);
        if (plan.after.creditBalance > 0n) expect(plan.after.outstanding).toBe(0n);
        for (const r of schedule) {
          const got = plan.allocations.filter((a) => a.seq === r.seq && a.component === 'principal').reduce((s, a) => s + a.amount, 0n);
          expect(got).toBeLessThanOrEqual(r.due.principal - r.paid.principal);
        }
      }),
    );
  });
});
