import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  add,
  compare,
  formatRupiah,
  isNegative,
  max,
  min,
  parseRupiah,
  rupiah,
  splitProportionally,
  sub,
  sum,
  ZERO,
  type Rupiah,
} from './money.ts';

const arbRupiah = fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }).map((v) => rupiah(v));

function parsed(input: string, style?: 'id' | 'en'): bigint {
  const r = parseRupiah(input, style ? { style } : {});
  if (!r.ok) throw new Error(`expected "${input}" to parse, got: ${r.message}`);
  return r.value;
}

function rejection(input: string, style?: 'id' | 'en'): string {
  const r = parseRupiah(input, style ? { style } : {});
  if (r.ok) throw new Error(`expected "${input}" to be rejected, got ${r.value}`);
  return r.message;
}

describe('rupiah()', () => {
  it('accepts integers and bigints', () => {
    expect(rupiah(1_250_000)).toBe(1_250_000n);
    expect(rupiah(-5)).toBe(-5n);
    expect(rupiah(10n ** 20n)).toBe(10n ** 20n);
  });

  it('refuses floats, NaN, Infinity and unsafe integers', () => {
    expect(() => rupiah(0.1)).toThrow(RangeError);
    expect(() => rupiah(1000.5)).toThrow(RangeError);
    expect(() => rupiah(Number.NaN)).toThrow(RangeError);
    expect(() => rupiah(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => rupiah(2 ** 53)).toThrow(RangeError);
  });
});

describe('arithmetic', () => {
  const a = rupiah(700);
  const b = rupiah(300);
  it('adds, subtracts, sums, compares', () => {
    expect(add(a, b)).toBe(1000n);
    expect(sub(b, a)).toBe(-400n);
    expect(sum([a, b, a])).toBe(1700n);
    expect(sum([])).toBe(ZERO);
    expect(min(a, b)).toBe(300n);
    expect(max(a, b)).toBe(700n);
    expect(isNegative(sub(b, a))).toBe(true);
    expect(isNegative(ZERO)).toBe(false);
    expect([a, b, ZERO].sort(compare)).toEqual([0n, 300n, 700n]);
  });
});

describe('parseRupiah', () => {
  it.each([
    ['1250000', 1_250_000n],
    ['1.250.000', 1_250_000n],
    ['Rp1.250.000,00', 1_250_000n],
    ['Rp 1.250.000', 1_250_000n],
    ['Rp. 1.250.000', 1_250_000n],
    ['rp1.250.000,0', 1_250_000n],
    ['IDR 1.250.000', 1_250_000n],
    ['Rp 50.000,-', 50_000n],
    ['1250000.00', 1_250_000n],
    ['  1.000  ', 1000n],
    ['Rp\u00a01.000', 1000n],
    ['0', 0n],
    ['-1.250.000', -1_250_000n],
    ['-Rp1.250.000', -1_250_000n],
    ['Rp-1.250.000', -1_250_000n],
    ['- Rp 1.000', -1000n],
    ['+1.000', 1000n],
    ['999', 999n],
    ['1.000.000.000.000', 1_000_000_000_000n],
  ])('reads %j as %s', (input, expected) => {
    expect(parsed(input)).toBe(expected);
  });

  it('reads English-grouped files only when told to', () => {
    expect(rejection('IDR 1,250,000')).toMatch(/uses "," to group thousands/);
    expect(parsed('IDR 1,250,000', 'en')).toBe(1_250_000n);
    expect(parsed('1,250,000.00', 'en')).toBe(1_250_000n);
    expect(parsed('1.250', 'id')).toBe(1250n);
    expect(rejection('1.25', 'en')).toMatch(/non-zero sen/);
    expect(rejection('1.250', 'en')).toMatch(/not a well-formed/);
  });

  it.each([
    ['', /empty/],
    ['   ', /empty/],
    ['Rp', /no digits/],
    ['abc', /not digits/],
    ['12a4', /not digits/],
    ['--1000', /more than one sign/],
    ['-Rp-1000', /more than one sign/],
    ['+-5', /more than one sign/],
    ['1.25.000', /not a well-formed/],
    ['1.2500', /not a well-formed/],
    ['.250', /not a well-formed/],
    ['1..000', /not a well-formed/],
    ['1.000,', /not a well-formed/],
    ['1.000,000', /not a well-formed/],
    ['1 000', /not digits/],
    ['1.000,50', /non-zero sen \(50\)/],
    ['1.000,5', /non-zero sen/],
    ['1250000.75', /non-zero sen/],
    ['USD 100', /not digits/],
  ])('rejects %j', (input, message) => {
    expect(rejection(input)).toMatch(message);
  });

  it('parses what formatRupiah writes (property)', () => {
    fc.assert(
      fc.property(arbRupiah, (x) => {
        expect(parsed(formatRupiah(x))).toBe(x);
      }),
    );
  });

  it('reads plain digit strings as their integer value (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 20n }), (x) => {
        expect(parsed(x.toString())).toBe(x);
      }),
    );
  });
});

describe('formatRupiah', () => {
  it.each([
    [0n, 'Rp0'],
    [999n, 'Rp999'],
    [1000n, 'Rp1.000'],
    [1_250_000n, 'Rp1.250.000'],
    [-1_250_000n, '-Rp1.250.000'],
    [100_000_000_000n, 'Rp100.000.000.000'],
  ])('formats %s as %s', (value, text) => {
    expect(formatRupiah(rupiah(value))).toBe(text);
  });
});

describe('splitProportionally', () => {
  it('gives leftover rupiah to the largest remainders, earliest first', () => {
    expect(splitProportionally(rupiah(100), [1n, 1n, 1n])).toEqual([34n, 33n, 33n]);
    expect(splitProportionally(rupiah(10), [1n, 2n])).toEqual([3n, 7n]);
    expect(splitProportionally(rupiah(5), [0n, 1n, 0n])).toEqual([0n, 5n, 0n]);
    expect(splitProportionally(rupiah(-100), [1n, 1n, 1n])).toEqual([-34n, -33n, -33n]);
  });

  it('refuses unusable weights', () => {
    expect(() => splitProportionally(rupiah(1), [])).toThrow(RangeError);
    expect(() => splitProportionally(rupiah(1), [0n, 0n])).toThrow(RangeError);
    expect(() => splitProportionally(rupiah(1), [1n, -1n])).toThrow(RangeError);
  });

  const arbWeights = fc
    .array(fc.bigInt({ min: 0n, max: 1_000_000n }), { minLength: 1, maxLength: 20 })
    .filter((ws) => ws.some((w) => w > 0n));

  it('always sums to the total and stays within one rupiah of the exact share (property)', () => {
    fc.assert(
      fc.property(arbRupiah, arbWeights, (total, weights) => {
        const parts = splitProportionally(total, weights);
        expect(parts).toHaveLength(weights.length);
        expect(sum(parts)).toBe(total);
        const weightSum = weights.reduce((a, b) => a + b, 0n);
        parts.forEach((p: Rupiah, i) => {
          const w = weights[i] ?? 0n;
          const exactTimesW = total * w; // compare p*W with total*w to avoid fractions
          const diff = p * weightSum - exactTimesW;
          expect(diff < 0n ? -diff : diff).toBeLessThan(weightSum);
          if (w === 0n) expect(p).toBe(0n);
        });
      }),
    );
  });
});
