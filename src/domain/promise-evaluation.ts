import type { Rupiah } from './money.ts';
import { addDays, compareIsoDate } from './dates.ts';

/** A promise to pay as the debtor made it: an amount by a business date in their own calendar. */
export interface PromiseTerms {
  readonly amountIdr: Rupiah;
  /** `YYYY-MM-DD`, the last day the debtor said they would pay. */
  readonly promisedDate: string;
}

/** Days after the promised date during which a payment still keeps the promise (bank transfers land late). */
export interface PromiseRules {
  readonly graceDays: number;
}

export const DEFAULT_PROMISE_RULES: PromiseRules = { graceDays: 1 };

export const PROMISE_OUTCOMES = ['pending', 'kept', 'partially_kept', 'broken'] as const;
export type PromiseOutcome = (typeof PROMISE_OUTCOMES)[number];

/**
 * Decides a promise from what has been paid towards it (payments valued from the day the promise was made up to
 * `asOfDate`, the business date in the debtor's zone) — one rule for the daily batch and for the payment flow,
 * so a payment arriving and the date passing can never disagree.
 *
 * - paid ≥ amount → `kept`, whenever it happens (early payment keeps the promise);
 * - still inside promised date + grace → `pending`;
 * - after that: something paid → `partially_kept`, nothing → `broken`.
 *
 * @example evaluatePromise({ amountIdr: rupiah(500_000), promisedDate: '2026-03-20' }, rupiah(0), '2026-03-22') // 'broken'
 */
export function evaluatePromise(
  terms: PromiseTerms,
  paidIdr: Rupiah,
  asOfDate: string,
  rules: PromiseRules = DEFAULT_PROMISE_RULES,
): PromiseOutcome {
  if (!Number.isInteger(rules.graceDays) || rules.graceDays < 0) throw new RangeError(`graceDays must be a whole number ≥ 0, got ${rules.graceDays}`);
  if (terms.amountIdr <= 0n) throw new RangeError('a promise must be for a positive amount');
  if (paidIdr >= terms.amountIdr) return 'kept';
  const lastDay = addDays(terms.promisedDate, rules.graceDays);
  if (compareIsoDate(asOfDate, lastDay) <= 0) return 'pending';
  return paidIdr > 0n ? 'partially_kept' : 'broken';
}

/** The first business date on which an unpaid promise counts as broken; the daily batch selects on it. */
export function promiseBreaksOn(terms: PromiseTerms, rules: PromiseRules = DEFAULT_PROMISE_RULES): string {
  return addDays(terms.promisedDate, rules.graceDays + 1);
}
