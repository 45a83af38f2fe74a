import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bucketFor, bucketRank, DEFAULT_BUCKET_CODES, DEFAULT_BUCKETS, validateBucketSet, type BucketRange } from './buckets.ts';

function rejection(ranges: BucketRange[]): string {
  const r = validateBucketSet(ranges);
  if (r.ok) throw new Error('expected the bucket set to be rejected');
  return r.message;
}

const b = (code: string, minDays: number, maxDays: number | null): BucketRange => ({ code, label: code, minDays, maxDays });

/** Arbitrary valid bucket set: random positive widths, last open-ended, shuffled. */
const arbValidSet = fc
  .array(fc.integer({ min: 1, max: 60 }), { minLength: 0, maxLength: 10 })
  .chain((widths) => {
    const ranges: BucketRange[] = [];
    let start = 0;
    widths.forEach((w, i) => {
      ranges.push(b(`b${i}`, start, start + w - 1));
      start += w;
    });
    ranges.push(b('last', start, null));
    return fc.shuffledSubarray(ranges, { minLength: ranges.length, maxLength: ranges.length });
  });

describe('DEFAULT_BUCKETS', () => {
  it('is valid and uses the exported codes in order', () => {
    const r = validateBucketSet(DEFAULT_BUCKETS);
    expect(r.ok).toBe(true);
    expect(DEFAULT_BUCKETS.map((x) => x.code)).toEqual([...DEFAULT_BUCKET_CODES]);
  });

  it.each([
    [0, 'current'],
    [1, '1-30'],
    [30, '1-30'],
    [31, '31-60'],
    [60, '31-60'],
    [61, '61-90'],
    [90, '61-90'],
    [91, '91-120'],
    [120, '91-120'],
    [121, '121-180'],
    [180, '121-180'],
    [181, '180+'],
    [5000, '180+'],
  ])('%i DPD is %s', (dpd, code) => {
    expect(bucketFor(dpd).code).toBe(code);
  });

  it('refuses negative or fractional DPD', () => {
    expect(() => bucketFor(-1)).toThrow(RangeError);
    expect(() => bucketFor(1.5)).toThrow(RangeError);
  });

  it('ranks buckets for roll-rate comparisons', () => {
    expect(bucketRank('current')).toBe(0);
    expect(bucketRank('180+')).toBe(6);
    expect(() => bucketRank('nope')).toThrow(RangeError);
  });
});

describe('validateBucketSet', () => {
  it('sorts an unordered valid set', () => {
    const r = validateBucketSet([b('late', 11, null), b('cur', 0, 0), b('early', 1, 10)]);
    expect(r.ok && r.value.map((x) => x.code)).toEqual(['cur', 'early', 'late']);
  });

  it.each([
    [[], /empty/],
    [[b('a', 1, null)], /start at 0/],
    [[b('a', 0, 5), b('b', 7, null)], /gap .*6–6 days/],
    [[b('a', 0, 5), b('b', 5, null)], /overlap at 5/],
    [[b('a', 0, null), b('b', 5, null)], /open-ended but "b"/],
    [[b('a', 0, 5), b('b', 6, 10)], /last bucket "b" must be open-ended/],
    [[b('a', 0, 5), b('a', 6, null)], /used more than once/],
    [[b(' ', 0, null)], /needs a code/],
    [[b('a', 0, 1.5), b('b', 2, null)], /maxDays/],
    [[b('a', 0, 4), b('b', 6, 5), b('c', 7, null)], /maxDays must be/],
    [[b('a', -1, 0), b('b', 1, null)], /minDays/],
  ])('rejects %j', (ranges, message) => {
    expect(rejection(ranges)).toMatch(message);
  });

  it('every DPD falls in exactly one bucket of any valid set (property)', () => {
    fc.assert(
      fc.property(arbValidSet, fc.nat({ max: 2000 }), (ranges, dpd) => {
        const r = validateBucketSet(ranges);
        expect(r.ok).toBe(true);
        const matching = ranges.filter((x) => dpd >= x.minDays && (x.maxDays === null || dpd <= x.maxDays));
        expect(matching).toHaveLength(1);
        expect(bucketFor(dpd, ranges)).toBe(matching[0]);
      }),
    );
  });

  it('rejects a valid set with one bucket removed, unless it was the only one (property)', () => {
    fc.assert(
      fc.property(arbValidSet, fc.nat(), (ranges, k) => {
        fc.pre(ranges.length > 1);
        const without = ranges.filter((_, i) => i !== k % ranges.length);
        expect(validateBucketSet(without).ok).toBe(false);
      }),
    );
  });
});
