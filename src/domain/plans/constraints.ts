import { isIsoDate, daysBetween } from '../dates.ts';
import type { Rupiah } from '../money.ts';

/**
 * The lender's rules for plans, as data (a credit policy changes them, not a release).
 * `minFirstPaymentBps` is basis points of the plan total (1000 = 10%).
 */
export interface PlanConstraints {
  readonly maxTenorMonths: number;
  readonly minInstalment: Rupiah;
  readonly minFirstPaymentBps: number;
  /** How far ahead the first (or only) payment may be due. */
  readonly maxDaysToFirstPayment: number;
}

export const DEFAULT_PLAN_CONSTRAINTS: PlanConstraints = {
  maxTenorMonths: 36,
  minInstalment: 100_000n as Rupiah,
  minFirstPaymentBps: 1000,
  maxDaysToFirstPayment: 30,
};

export type PlanKind = 'restructure' | 'settlement';

export interface PlanProposal {
  readonly kind: PlanKind;
  readonly outstanding: Rupiah;
  readonly discount: Rupiah;
  /** Restructure: number of instalments including the first; settlement: always 1. */
  readonly instalments: number;
  readonly firstPayment: Rupiah;
  readonly firstDueDate: string;
}

/** A broken rule, naming the field a person has to change. */
export interface PlanViolation {
  readonly field: 'outstanding' | 'discount' | 'instalments' | 'first_payment' | 'first_due_date';
  readonly message: string;
}

/**
 * Every rule a proposal breaks (empty when it is acceptable), checked against the business date `asOf`.
 * All violations are reported at once so an agent fixes a proposal in one go.
 */
export function validateProposal(p: PlanProposal, c: PlanConstraints, asOf: string): PlanViolation[] {
  const v: PlanViolation[] = [];
  if (p.outstanding <= 0n) return [{ field: 'outstanding', message: 'the account owes nothing' }];
  if (p.discount < 0n) v.push({ field: 'discount', message: 'discount cannot be negative' });
  if (p.discount >= p.outstanding) v.push({ field: 'discount', message: 'discount must be less than the outstanding balance' });
  const total = p.outstanding - p.discount;
  if (p.kind === 'settlement' && p.instalments !== 1) v.push({ field: 'instalments', message: 'a settlement is paid in one payment' });
  if (!Number.isInteger(p.instalments) || p.instalments < 1) v.push({ field: 'instalments', message: 'instalments must be a whole number of at least 1' });
  else if (p.instalments > c.maxTenorMonths) v.push({ field: 'instalments', message: `tenor ${p.instalments} exceeds the maximum of ${c.maxTenorMonths} months` });
  if (p.firstPayment <= 0n) v.push({ field: 'first_payment', message: 'first payment must be positive' });
  else if (total > 0n) {
    if (p.firstPayment > total) v.push({ field: 'first_payment', message: `first payment ${p.firstPayment} exceeds the plan total ${total}` });
    if (p.instalments === 1 && p.firstPayment !== total) v.push({ field: 'first_payment', message: `a single payment must be the whole total ${total}` });
    if (p.firstPayment * 10_000n < total * BigInt(c.minFirstPaymentBps)) {
      v.push({ field: 'first_payment', message: `first payment must be at least ${c.minFirstPaymentBps / 100}% of the total ${total}` });
    }
    if (p.instalments > 1 && p.firstPayment < total) {
      const rest = total - p.firstPayment;
      // The smallest later instalment is floor(rest / n-1); it must meet the minimum (the last rupiah of a small plan aside).
      const smallest = rest / BigInt(p.instalments - 1);
      if (smallest < c.minInstalment) v.push({ field: 'instalments', message: `instalments of ${smallest} fall below the minimum of ${c.minInstalment}; use fewer instalments` });
    }
    if (p.instalments > 1 && p.firstPayment === total) v.push({ field: 'first_payment', message: 'the first payment leaves nothing for later instalments; use one instalment' });
  }
  if (!isIsoDate(p.firstDueDate)) v.push({ field: 'first_due_date', message: `"${p.firstDueDate}" is not a YYYY-MM-DD date` });
  else {
    const days = daysBetween(asOf, p.firstDueDate);
    if (days < 0) v.push({ field: 'first_due_date', message: `first due date ${p.firstDueDate} is in the past` });
    else if (days > c.maxDaysToFirstPayment) v.push({ field: 'first_due_date', message: `first due date is more than ${c.maxDaysToFirstPayment} days away` });
  }
  return v;
}
