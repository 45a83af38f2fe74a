import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isKol, KOL_LEVELS, KOL_NAMES, kolFor } from './kol.ts';

describe('kolFor', () => {
  it.each([
    [0, 1],
    [1, 2],
    [90, 2],
    [91, 3],
    [120, 3],
    [121, 4],
    [180, 4],
    [181, 5],
    [10_000, 5],
  ])('%i DPD is Kol %i', (dpd, kol) => {
    expect(kolFor(dpd)).toBe(kol);
  });

  it('names every level', () => {
    expect(KOL_LEVELS.map((k) => KOL_NAMES[k])).toEqual(['Lancar', 'Dalam Perhatian Khusus', 'Kurang Lancar', 'Diragukan', 'Macet']);
  });

  it('refuses negative or fractional DPD', () => {
    expect(() => kolFor(-1)).toThrow(RangeError);
    expect(() => kolFor(0.5)).toThrow(RangeError);
  });

  it('isKol accepts only 1–5', () => {
    expect(isKol(3)).toBe(true);
    expect(isKol(0)).toBe(false);
    expect(isKol('3')).toBe(false);
  });

  it('is monotone non-decreasing in DPD (property)', () => {
    fc.assert(
      fc.property(fc.nat({ max: 100_000 }), fc.nat({ max: 400 }), (dpd, extra) => {
        expect(kolFor(dpd + extra)).toBeGreaterThanOrEqual(kolFor(dpd));
      }),
    );
  });
});
