import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CASE_POLICY } from './case-policy.ts';
import { addDays } from './dates.ts';
import { checkPromise } from './promise-rules.ts';

const today = '2026-11-30';
const base = { amountIdr: 500_000n, promisedDate: '2026-12-05', outstandingIdr: 1_250_000n, today };

describe('checkPromise', () => {
  it('accepts a promise within the limits', () => {
    expect(checkPromise(base, DEFAULT_CASE_POLICY)).toEqual([]);
    expect(checkPromise({ ...base, promisedDate: today }, DEFAULT_CASE_POLICY)).toEqual([]);
    expect(checkPromise({ ...base, amountIdr: 1_250_000n }, DEFAULT_CASE_POLICY)).toEqual([]);
  });

  it('refuses amounts that are zero, above the balance or a token amount, naming the field', () => {
    expect(checkPromise({ ...base, amountIdr: 0n }, DEFAULT_CASE_POLICY).map((i) => i.rule)).toEqual(['amount_not_positive']);
    expect(checkPromise({ ...base, amountIdr: 1_250_001n }, DEFAULT_CASE_POLICY)).toEqual([expect.objectContaining({ field: 'amount_idr', rule: 'amount_above_outstanding' })]);
    expect(checkPromise({ ...base, amountIdr: 1n }, DEFAULT_CASE_POLICY).map((i) => i.rule)).toEqual(['amount_below_minimum']);
    // A small balance may be promised in full even below the minimum.
    expect(checkPromise({ ...base, amountIdr: 5_000n, outstandingIdr: 5_000n }, DEFAULT_CASE_POLICY)).toEqual([]);
  });

  it('refuses dates in the past, too far ahead or malformed', () => {
    expect(checkPromise({ ...base, promisedDate: '2026-11-29' }, DEFAULT_CASE_POLICY).map((i) => i.rule)).toEqual(['date_in_past']);
    expect(checkPromise({ ...base, promisedDate: addDays(today, 31) }, DEFAULT_CASE_POLICY).map((i) => i.rule)).toEqual(['date_too_far']);
    expect(checkPromise({ ...base, promisedDate: '2026-02-30' }, DEFAULT_CASE_POLICY).map((i) => i.rule)).toEqual(['date_invalid']);
    expect(checkPromise({ ...base, amountIdr: -1n, promisedDate: '2020-01-01' }, DEFAULT_CASE_POLICY).map((i) => i.field)).toEqual(['amount_idr', 'promised_date']);
  });

  it('accepts exactly the promises inside the window and the balance (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -60, max: 90 }), fc.bigInt({ min: -10n, max: 3_000_000n }), fc.bigInt({ min: 1n, max: 2_000_000n }), (offset, amount, outstanding) => {
        const issues = checkPromise({ amountIdr: amount, promisedDate: addDays(today, offset), outstandingIdr: outstanding, today }, DEFAULT_CASE_POLICY);
        const amountOk = amount > 0n && amount <= outstanding && (amount >= DEFAULT_CASE_POLICY.ptpMinAmountIdr || amount === outstanding);
        const dateOk = offset >= 0 && offset <= DEFAULT_CASE_POLICY.ptpMaxDaysAhead;
        expect(issues.length === 0).toBe(amountOk && dateOk);
        expect(issues.some((i) => i.field === 'promised_date')).toBe(!dateOk);
      }),
    );
  });
});
