import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from './dates.ts';
import { delinquencyOf, dpdAsOf, oldestUnpaidDueDate, type Installment } from './dpd.ts';
import { rupiah } from './money.ts';

const inst = (seq: number, dueDate: string, due: number, paid: number): Installment => ({
  seq,
  dueDate,
  amountDue: rupiah(due),
  amountPaid: rupiah(paid),
});

const schedule = [inst(1, '2025-01-10', 1000, 1000), inst(2, '2025-02-10', 1000, 400), inst(3, '2025-03-10', 1000, 1000)];

describe('oldestUnpaidDueDate', () => {
  it('is the earliest instalment not fully paid, even if a later one is paid', () => {
    expect(oldestUnpaidDueDate(schedule)).toBe('2025-02-10');
  });

  it('ignores order of the list', () => {
    expect(oldestUnpaidDueDate([inst(3, '2025-03-10', 1, 0), inst(2, '2025-02-10', 1, 0)])).toBe('2025-02-10');
  });

  it('is null when all paid or overpaid, or no instalments', () => {
    expect(oldestUnpaidDueDate([inst(1, '2025-01-10', 1000, 1200)])).toBeNull();
    expect(oldestUnpaidDueDate([])).toBeNull();
  });
});

describe('dpdAsOf', () => {
  it('counts calendar days after the due date', () => {
    expect(dpdAsOf('2025-02-10', '2025-02-10')).toBe(0);
    expect(dpdAsOf('2025-02-10', '2025-02-11')).toBe(1);
    expect(dpdAsOf('2025-02-10', '2025-03-10')).toBe(28);
    expect(dpdAsOf('2025-02-10', '2025-01-01')).toBe(0);
    expect(dpdAsOf(null, '2025-01-01')).toBe(0);
  });

  it('stays 0 within grace, then reports the full lateness', () => {
    expect(dpdAsOf('2025-02-10', '2025-02-13', 3)).toBe(0);
    expect(dpdAsOf('2025-02-10', '2025-02-14', 3)).toBe(4);
  });

  it('refuses bad grace', () => {
    expect(() => dpdAsOf('2025-02-10', '2025-02-14', -1)).toThrow(RangeError);
  });
});

describe('delinquencyOf', () => {
  it('combines DPD, bucket and Kol', () => {
    expect(delinquencyOf(schedule, '2025-05-15')).toEqual({
      dpd: 94,
      bucket: expect.objectContaining({ code: '91-120' }),
      kol: 3,
      oldestUnpaidDueDate: '2025-02-10',
    });
    expect(delinquencyOf(schedule, '2025-02-12', { graceDays: 5 })).toMatchObject({ dpd: 0, kol: 1, bucket: { code: 'current' } });
  });

  it('uses a custom bucket set', () => {
    const buckets = [
      { code: 'ok', label: 'OK', minDays: 0, maxDays: 7 },
      { code: 'late', label: 'Late', minDays: 8, maxDays: null },
    ];
    expect(delinquencyOf(schedule, '2025-02-20', { buckets }).bucket.code).toBe('late');
  });

  const arbSchedule = fc
    .tuple(
      fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2026-01-01T00:00:00Z'), noInvalidDate: true }),
      fc.array(fc.tuple(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 0, max: 1_200_000 })), { minLength: 1, maxLength: 12 }),
    )
    .map(([start, rows]) => {
      const first = start.toISOString().slice(0, 10);
      return rows.map(([due, paid], i) => inst(i + 1, addDays(first, 30 * i), due, Math.min(paid, due * 2)));
    });
  const arbAsOf = fc.date({ min: new Date('2019-06-01T00:00:00Z'), max: new Date('2028-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

  it('paying more never increases DPD (property)', () => {
    fc.assert(
      fc.property(arbSchedule, arbAsOf, fc.nat(), fc.integer({ min: 1, max: 2_000_000 }), fc.nat({ max: 10 }), (rows, asOf, k, extra, grace) => {
        const idx = k % rows.length;
        const paidMore = rows.map((r, i) => (i === idx ? { ...r, amountPaid: rupiah(r.amountPaid + BigInt(extra)) } : r));
        expect(delinquencyOf(paidMore, asOf, { graceDays: grace }).dpd).toBeLessThanOrEqual(delinquencyOf(rows, asOf, { graceDays: grace }).dpd);
      }),
    );
  });

  it('DPD grows by exactly one per day while nothing is paid, once past grace (property)', () => {
    fc.assert(
      fc.property(arbSchedule, arbAsOf, fc.nat({ max: 10 }), (rows, asOf, grace) => {
        const today = delinquencyOf(rows, asOf, { graceDays: grace }).dpd;
        const tomorrow = delinquencyOf(rows, addDays(asOf, 1), { graceDays: grace }).dpd;
        if (today > 0) expect(tomorrow).toBe(today + 1);
        else expect([0, grace + 1]).toContain(tomorrow);
      }),
    );
  });
});
