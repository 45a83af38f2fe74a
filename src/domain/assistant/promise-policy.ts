import { addDays, compareIsoDate } from '../dates.ts';

/**
 * How far and how small a promise the bot may accept on its own; anything outside goes to a person
 * (restructuring request or handoff). Days are calendar days in the debtor's zone.
 */
export interface PromisePolicy {
  /** Latest promised date = today + maxDaysAhead. */
  readonly maxDaysAhead: number;
}

export const DEFAULT_PROMISE_POLICY: PromisePolicy = { maxDaysAhead: 14 };

export interface PromiseFacts {
  readonly today: string;
  readonly outstandingIdr: bigint;
  /** The instalment due next, if any; the minimum promise is this or the whole balance, whichever is smaller. */
  readonly nextDueAmountIdr: bigint | null;
}

export type PromiseCheck =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: 'date_past' }
  | { readonly ok: false; readonly reason: 'date_too_far'; readonly maxDate: string }
  | { readonly ok: false; readonly reason: 'amount_too_low'; readonly minAmountIdr: bigint }
  | { readonly ok: false; readonly reason: 'amount_too_high'; readonly outstandingIdr: bigint };

/** The smallest promise the bot accepts: the next instalment, capped at the outstanding balance. */
export function minimumPromise(facts: PromiseFacts): bigint {
  const due = facts.nextDueAmountIdr ?? facts.outstandingIdr;
  return due < facts.outstandingIdr ? due : facts.outstandingIdr;
}

/**
 * Checks a promised date and amount against the policy; the first failed rule wins (date before amount).
 * @example checkPromise(DEFAULT_PROMISE_POLICY, { today: '2026-03-10', outstandingIdr: 900000n, nextDueAmountIdr: 450000n }, '2026-03-12', 450000n) // { ok: true }
 */
export function checkPromise(policy: PromisePolicy, facts: PromiseFacts, date: string, amountIdr: bigint): PromiseCheck {
  if (compareIsoDate(date, facts.today) < 0) return { ok: false, reason: 'date_past' };
  const maxDate = addDays(facts.today, policy.maxDaysAhead);
  if (compareIsoDate(date, maxDate) > 0) return { ok: false, reason: 'date_too_far', maxDate };
  if (amountIdr > facts.outstandingIdr) return { ok: false, reason: 'amount_too_high', outstandingIdr: facts.outstandingIdr };
  const min = minimumPromise(facts);
  if (amountIdr < min) return { ok: false, reason: 'amount_too_low', minAmountIdr: min };
  return { ok: true };
}
