import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { rupiah } from './money.ts';
import { addDays } from './dates.ts';
import { evaluatePromise, promiseBreaksOn } from './promise-evaluation.ts';

const terms = { amountIdr: rupiah(500_000), promisedDate: '2026-03-20' };

describe('evaluatePromise', () => {
  it('keeps a promise paid in full, early or late', () => {
    expect(evaluatePromise(terms, rupiah(500_000), '2026-03-10')).toBe('kept');
    expect(evaluatePromise(terms, rupiah(600_000), '2026-04-30')).toBe('kept');
  });

  it('stays pending through the promised date and the grace day', () => {
    expect(evaluatePromise(terms, rupiah(0), '2026-03-20')).toBe('pending');
    expect(evaluatePromise(terms, rupiah(100_000), '2026-03-21')).toBe('pending');
  });

  it('breaks after the grace, or is partially kept when something was paid', () => {
    expect(evaluatePromise(terms, rupiah(0), '2026-03-22')).toBe('broken');
    expect(evaluatePromise(terms, rupiah(499_999), '2026-03-22')).toBe('partially_kept');
    expect(evaluatePromise(terms, rupiah(0), '2026-03-21', { graceDays: 0 })).toBe('broken');
  });

  it('refuses nonsense rules and amounts', () => {
    expect(() => evaluatePromise(terms, rupiah(0), '2026-03-22', { graceDays: -1 })).toThrow(RangeError);
    expect(() => evaluatePromise({ ...terms, amountIdr: rupiah(0) }, rupiah(0), '2026-03-22')).toThrow(RangeError);
  });

  it('agrees with promiseBreaksOn: pending the day before, decided on that day', () => {
    const day = fc.integer({ min: 0, max: 3000 }).map((n) => addDays('2024-01-01', n));
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 10 }), fc.bigInt({ min: 1n, max: 10n ** 10n }), (promisedDate, graceDays, amount) => {
        const t = { amountIdr: rupiah(amount), promisedDate };
        const breaks = promiseBreaksOn(t, { graceDays });
        expect(evaluatePromise(t, rupiah(0), addDays(breaks, -1), { graceDays })).toBe('pending');
        expect(evaluatePromise(t, rupiah(0), breaks, { graceDays })).toBe('broken');
      }),
    );
  });

  it('never gets worse when more is paid', () => {
    const rank = { kept: 3, pending: 2, partially_kept: 1, broken: 0 } as const;
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 9n }), fc.bigInt({ min: 0n, max: 10n ** 9n }), fc.integer({ min: -5, max: 40 }), (a, b, offset) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const asOf = addDays(terms.promisedDate, offset);
        const r1 = evaluatePromise(terms, rupiah(lo), asOf);
        const r2 = evaluatePromise(terms, rupiah(hi), asOf);
        expect(rank[r2]).toBeGreaterThanOrEqual(rank[r1]);
      }),
    );
  });
});
