import { bucketFor, DEFAULT_BUCKETS, type BucketRange } from './buckets.ts';
import { daysBetween } from './dates.ts';
import { kolFor, type Kol } from './kol.ts';
import type { Rupiah } from './money.ts';

/** One scheduled instalment as the core system reports it. Dates are `YYYY-MM-DD`. */
export interface Installment {
  readonly seq: number;
  readonly dueDate: string;
  readonly amountDue: Rupiah;
  readonly amountPaid: Rupiah;
}

/**
 * Due date of the oldest instalment not fully paid, or null when everything is paid.
 * DPD runs from this date: a later instalment being paid does not cure an earlier one.
 */
export function oldestUnpaidDueDate(installments: Iterable<Installment>): string | null {
  let oldest: string | null = null;
  for (const i of installments) {
    if (i.amountPaid < i.amountDue && (oldest === null || i.dueDate < oldest)) oldest = i.dueDate;
  }
  return oldest;
}

/**
 * Days past due on business date `asOf` (the debtor's local date, never the wall clock).
 * 0 when nothing is unpaid, when the due date has not passed, or while within `graceDays`;
 * once grace is exceeded the count is the full days since the due date (so it jumps from 0 to
 * graceDays + 1), which keeps buckets and Kol comparable across lenders with different grace.
 *
 * @example dpdAsOf('2025-01-10', '2025-01-15') // 5
 */
export function dpdAsOf(oldestUnpaidDueDate: string | null, asOf: string, graceDays = 0): number {
  if (!Number.isInteger(graceDays) || graceDays < 0) throw new RangeError(`graceDays must be a whole number ≥ 0, got ${graceDays}`);
  if (oldestUnpaidDueDate === null) return 0;
  const late = daysBetween(oldestUnpaidDueDate, asOf);
  return late > graceDays ? late : 0;
}

export interface DelinquencyOptions {
  readonly graceDays?: number;
  /** A set already checked by `validateBucketSet`. */
  readonly buckets?: readonly BucketRange[];
}

export interface Delinquency {
  readonly dpd: number;
  readonly bucket: BucketRange;
  readonly kol: Kol;
  readonly oldestUnpaidDueDate: string | null;
}

/** An account's delinquency picture on `asOf`: DPD, its bucket and its OJK collectibility. */
export function delinquencyOf(installments: Iterable<Installment>, asOf: string, opts: DelinquencyOptions = {}): Delinquency {
  const oldest = oldestUnpaidDueDate(installments);
  const dpd = dpdAsOf(oldest, asOf, opts.graceDays ?? 0);
  return { dpd, bucket: bucketFor(dpd, opts.buckets ?? DEFAULT_BUCKETS), kol: kolFor(dpd), oldestUnpaidDueDate: oldest };
}
