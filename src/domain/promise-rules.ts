import type { CasePolicy } from './case-policy.ts';
import { daysBetween, parseIsoDate } from './dates.ts';

/** One reason a promise is refused, naming the field so the agent or debtor can fix it. */
export interface PromiseIssue {
  readonly field: 'amount_idr' | 'promised_date';
  readonly rule: 'amount_not_positive' | 'amount_below_minimum' | 'amount_above_outstanding' | 'date_invalid' | 'date_in_past' | 'date_too_far';
  readonly message: string;
}

export interface PromiseCandidate {
  readonly amountIdr: bigint;
  /** `YYYY-MM-DD`, the debtor's local calendar date. */
  readonly promisedDate: string;
  readonly outstandingIdr: bigint;
  /** The debtor's local date today (the caller converts its clock with the debtor's zone). */
  readonly today: string;
}

/**
 * Checks a promise to pay against the policy limits: amount > 0, at least the minimum (unless that
 * is the whole balance), at most the outstanding balance; date not before the debtor's today and
 * at most `ptpMaxDaysAhead` days ahead. Returns every issue, empty when the promise may be taken.
 *
 * @example checkPromise({ amountIdr: 500_000n, promisedDate: '2026-12-05', outstandingIdr: 1_250_000n, today: '2026-11-30' }, DEFAULT_CASE_POLICY) // []
 */
export function checkPromise(c: PromiseCandidate, policy: CasePolicy): PromiseIssue[] {
  const issues: PromiseIssue[] = [];
  if (c.amountIdr <= 0n) {
    issues.push({ field: 'amount_idr', rule: 'amount_not_positive', message: 'amount must be more than Rp0' });
  } else if (c.amountIdr > c.outstandingIdr) {
    issues.push({ field: 'amount_idr', rule: 'amount_above_outstanding', message: `amount ${c.amountIdr} exceeds the outstanding balance ${c.outstandingIdr}` });
  } else if (c.amountIdr < policy.ptpMinAmountIdr && c.amountIdr !== c.outstandingIdr) {
    issues.push({ field: 'amount_idr', rule: 'amount_below_minimum', message: `amount must be at least ${policy.ptpMinAmountIdr} (or the whole balance)` });
  }
  const date = parseIsoDate(c.promisedDate);
  if (!date.ok) {
    issues.push({ field: 'promised_date', rule: 'date_invalid', message: date.message });
    return issues;
  }
  const ahead = daysBetween(c.today, date.value);
  if (ahead < 0) issues.push({ field: 'promised_date', rule: 'date_in_past', message: `promised date ${date.value} is before today (${c.today})` });
  else if (ahead > policy.ptpMaxDaysAhead) {
    issues.push({ field: 'promised_date', rule: 'date_too_far', message: `promised date ${date.value} is more than ${policy.ptpMaxDaysAhead} days ahead` });
  }
  return issues;
}
