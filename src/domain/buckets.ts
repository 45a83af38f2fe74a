import { fail, ok, type Result } from './result.ts';

/**
 * One delinquency bucket: a DPD range, as data so a lender can configure its own set
 * (Fineract `DelinquencyRange` style). `maxDays: null` means open-ended.
 */
export interface BucketRange {
  readonly code: string;
  readonly label: string;
  readonly minDays: number;
  readonly maxDays: number | null;
}

/** Codes of the default bucket set, in ascending order of lateness. */
export const DEFAULT_BUCKET_CODES = ['current', '1-30', '31-60', '61-90', '91-120', '121-180', '180+'] as const;
export type DefaultBucketCode = (typeof DEFAULT_BUCKET_CODES)[number];

/** The industry-standard buckets: Current, 1–30, 31–60, 61–90, 91–120, 121–180, 180+. */
export const DEFAULT_BUCKETS: readonly BucketRange[] = [
  { code: 'current', label: 'Current', minDays: 0, maxDays: 0 },
  { code: '1-30', label: '1–30 DPD', minDays: 1, maxDays: 30 },
  { code: '31-60', label: '31–60 DPD', minDays: 31, maxDays: 60 },
  { code: '61-90', label: '61–90 DPD', minDays: 61, maxDays: 90 },
  { code: '91-120', label: '91–120 DPD', minDays: 91, maxDays: 120 },
  { code: '121-180', label: '121–180 DPD', minDays: 121, maxDays: 180 },
  { code: '180+', label: '180+ DPD', minDays: 181, maxDays: null },
] satisfies readonly (BucketRange & { code: DefaultBucketCode })[];

/**
 * Checks a configured bucket set so that every DPD ≥ 0 lands in exactly one bucket: integer
 * bounds, starts at 0, no gaps, no overlaps, only the last open-ended (and it must be), unique
 * non-empty codes. Accepts ranges in any order and returns them sorted by `minDays`.
 */
export function validateBucketSet(ranges: readonly BucketRange[]): Result<BucketRange[]> {
  if (ranges.length === 0) return fail('bucket set is empty');
  const codes = new Set<string>();
  for (const r of ranges) {
    if (r.code.trim() === '') return fail('every bucket needs a code');
    if (codes.has(r.code)) return fail(`bucket code "${r.code}" is used more than once`);
    codes.add(r.code);
    if (!Number.isInteger(r.minDays) || r.minDays < 0) return fail(`bucket "${r.code}": minDays must be a whole number ≥ 0`);
    if (r.maxDays !== null && (!Number.isInteger(r.maxDays) || r.maxDays < r.minDays)) {
      return fail(`bucket "${r.code}": maxDays must be a whole number ≥ minDays, or null for open-ended`);
    }
  }
  const sorted = [...ranges].sort((a, b) => a.minDays - b.minDays);
  const first = sorted[0];
  if (first === undefined || first.minDays !== 0) return fail(`bucket set must start at 0 days (first starts at ${first?.minDays})`);
  for (let i = 1; i < sorted.length; i += 1) {
    const prev = sorted[i - 1];
    const cur = sorted[i];
    if (prev === undefined || cur === undefined) continue;
    if (prev.maxDays === null) return fail(`bucket "${prev.code}" is open-ended but "${cur.code}" comes after it`);
    if (cur.minDays <= prev.maxDays) return fail(`buckets "${prev.code}" and "${cur.code}" overlap at ${cur.minDays} days`);
    if (cur.minDays > prev.maxDays + 1) {
      return fail(`gap between buckets "${prev.code}" and "${cur.code}": ${prev.maxDays + 1}–${cur.minDays - 1} days are not covered`);
    }
  }
  const last = sorted[sorted.length - 1];
  if (last !== undefined && last.maxDays !== null) return fail(`last bucket "${last.code}" must be open-ended (maxDays null) so no DPD falls outside`);
  return ok(sorted);
}

/**
 * The bucket a DPD falls in. `ranges` must be a validated set; throws on a negative or
 * fractional DPD or when no bucket matches (both programming errors).
 *
 * @example bucketFor(45).code // '31-60'
 */
export function bucketFor(dpd: number, ranges: readonly BucketRange[] = DEFAULT_BUCKETS): BucketRange {
  if (!Number.isInteger(dpd) || dpd < 0) throw new RangeError(`DPD must be a whole number ≥ 0, got ${dpd}`);
  for (const r of ranges) {
    if (dpd >= r.minDays && (r.maxDays === null || dpd <= r.maxDays)) return r;
  }
  throw new RangeError(`no bucket covers ${dpd} DPD; validate the bucket set with validateBucketSet`);
}

/** Position of a bucket in its set, for "moved to a worse bucket" (roll-rate) comparisons. */
export function bucketRank(code: string, ranges: readonly BucketRange[] = DEFAULT_BUCKETS): number {
  const index = [...ranges].sort((a, b) => a.minDays - b.minDays).findIndex((r) => r.code === code);
  if (index === -1) throw new RangeError(`unknown bucket code "${code}"`);
  return index;
}
