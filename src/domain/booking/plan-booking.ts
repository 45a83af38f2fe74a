import { allocatePayment, DEFAULT_ALLOCATION_POLICY, type AllocationComponent, type AllocationPolicy, type DueItem } from '../allocation.ts';
import { bucketFor, DEFAULT_BUCKETS, type BucketRange } from '../buckets.ts';
import { compareIsoDate } from '../dates.ts';
import { delinquencyOf, dpdAsOf } from '../dpd.ts';
import { kolFor, type Kol } from '../kol.ts';
import { rupiah, sub, ZERO, type Rupiah } from '../money.ts';
import { DEFAULT_PROMISE_RULES, evaluatePromise, type PromiseOutcome, type PromiseRules } from '../promise-evaluation.ts';

/** One instalment row with what has been paid on each component. */
export interface ScheduleRow {
  readonly seq: number;
  readonly dueDate: string;
  readonly due: Readonly<Record<AllocationComponent, Rupiah>>;
  readonly paid: Readonly<Record<AllocationComponent, Rupiah>>;
}

/** What the account looks like before the payment (the fields a booking may change). */
export interface AccountState {
  readonly outstanding: Rupiah;
  readonly creditBalance: Rupiah;
  readonly oldestUnpaidDueDate: string | null;
  readonly dpd: number;
  readonly bucket: string;
  readonly kol: Kol;
  readonly delinquencyAsOf: string | null;
  readonly status: string;
}

/** A pending promise to pay on the account. */
export interface OpenPromise {
  readonly id: string;
  readonly amount: Rupiah;
  readonly paid: Rupiah;
  readonly promisedDate: string;
  /** Business date the promise was made; payments valued before it do not count towards it. */
  readonly madeOn: string;
}

export interface BookingRules {
  readonly allocation: AllocationPolicy;
  readonly graceDays: number;
  readonly buckets: readonly BucketRange[];
  readonly promises: PromiseRules;
}

export const DEFAULT_BOOKING_RULES: BookingRules = {
  allocation: DEFAULT_ALLOCATION_POLICY,
  graceDays: 0,
  buckets: DEFAULT_BUCKETS,
  promises: DEFAULT_PROMISE_RULES,
};

/** Sequence used for debt the schedule does not cover (an account imported with only an outstanding balance). */
export const UNSCHEDULED_SEQ = -1;

export interface PlannedAllocation {
  /** null: the unscheduled remainder of the outstanding balance, or `credit` for an over-payment. */
  readonly seq: number | null;
  readonly component: AllocationComponent | 'credit';
  readonly amount: Rupiah;
}

export interface PromiseChange {
  readonly id: string;
  readonly applied: Rupiah;
  readonly paidAfter: Rupiah;
  readonly statusAfter: PromiseOutcome;
}

export interface BookingPlan {
  readonly allocations: readonly PlannedAllocation[];
  readonly after: AccountState;
  readonly paidOff: boolean;
  readonly promises: readonly PromiseChange[];
}

export interface BookingInput {
  readonly amount: Rupiah;
  /** Business date the money counts on (statement value date), `YYYY-MM-DD`. */
  readonly valueDate: string;
  /** Business date delinquency is measured on after booking (the debtor-local date of booking, never before the last evaluation). */
  readonly asOf: string;
  readonly account: AccountState;
  readonly schedule: readonly ScheduleRow[];
  readonly promises: readonly OpenPromise[];
}

const COMPONENTS: readonly AllocationComponent[] = ['fee', 'penalty', 'interest', 'principal'];

function positive(a: Rupiah): Rupiah {
  return a > 0n ? a : ZERO;
}

/**
 * Decides everything a payment changes, without touching storage: the waterfall split over the schedule
 * (plus any outstanding the schedule does not cover), the credit balance for an over-payment, the new
 * outstanding, DPD, bucket, Kol and status, and which promises it keeps. The booking flow applies this plan
 * in one transaction; keeping it pure makes "book then reverse restores the state" checkable by properties.
 *
 * @example planBooking({ amount: rupiah(100), valueDate, asOf, account, schedule, promises: [] }, DEFAULT_BOOKING_RULES)
 */
export function planBooking(input: BookingInput, rules: BookingRules = DEFAULT_BOOKING_RULES): BookingPlan {
  if (input.amount <= 0n) throw new RangeError(`payment amount must be positive, got ${input.amount}`);
  const items: DueItem[] = [];
  let scheduledOpen = ZERO;
  for (const row of input.schedule) {
    for (const c of COMPONENTS) {
      const open = positive(sub(row.due[c], row.paid[c]));
      if (open > 0n) {
        items.push({ seq: row.seq, dueDate: row.dueDate, component: c, outstanding: open });
        scheduledOpen = rupiah(scheduledOpen + open);
      }
    }
  }
  const unscheduled = positive(sub(input.account.outstanding, scheduledOpen));
  if (unscheduled > 0n) items.push({ seq: UNSCHEDULED_SEQ, dueDate: '9999-12-31', component: 'principal', outstanding: unscheduled });

  const outcome = allocatePayment(input.amount, items, rules.allocation);
  const allocations: PlannedAllocation[] = outcome.allocations.map((a) => ({ seq: a.seq === UNSCHEDULED_SEQ ? null : a.seq, component: a.component, amount: a.amount }));
  if (outcome.unapplied > 0n) allocations.push({ seq: null, component: 'credit', amount: outcome.unapplied });

  const applied = rupiah(input.amount - outcome.unapplied);
  const outstandingAfter = positive(sub(input.account.outstanding, applied));
  const scheduleAfter = applyToSchedule(input.schedule, allocations);

  let oldest: string | null;
  if (outstandingAfter === ZERO) oldest = null;
  else if (input.schedule.length > 0) {
    oldest = delinquencyOf(
      scheduleAfter.map((r) => ({ seq: r.seq, dueDate: r.dueDate, amountDue: total(r.due), amountPaid: total(r.paid) })),
      input.asOf,
    ).oldestUnpaidDueDate;
  } else oldest = input.account.oldestUnpaidDueDate;
  const dpd = dpdAsOf(oldest, input.asOf, rules.graceDays);
  const paidOff = outstandingAfter === ZERO && input.account.status === 'active';

  const after: AccountState = {
    outstanding: outstandingAfter,
    creditBalance: rupiah(input.account.creditBalance + outcome.unapplied),
    oldestUnpaidDueDate: oldest,
    dpd,
    bucket: bucketFor(dpd, rules.buckets).code,
    kol: kolFor(dpd),
    delinquencyAsOf: input.asOf,
    status: paidOff ? 'paid_off' : input.account.status,
  };
  return { allocations, after, paidOff, promises: applyToPromises(input, rules.promises) };
}

function total(parts: Readonly<Record<AllocationComponent, Rupiah>>): Rupiah {
  return rupiah(parts.fee + parts.penalty + parts.interest + parts.principal);
}

/** The schedule with the allocations added to the paid columns. */
export function applyToSchedule(schedule: readonly ScheduleRow[], allocations: readonly PlannedAllocation[]): ScheduleRow[] {
  return schedule.map((row) => {
    const paid = { ...row.paid };
    for (const a of allocations) if (a.seq === row.seq && a.component !== 'credit') paid[a.component] = rupiah(paid[a.component] + a.amount);
    return { ...row, paid };
  });
}

/**
 * Counts the payment towards pending promises made on or before its value date, earliest promised date first,
 * each up to what is still unpaid on it, and re-evaluates them with the shared promise rule.
 */
function applyToPromises(input: BookingInput, rules: PromiseRules): PromiseChange[] {
  const eligible = input.promises
    .filter((p) => compareIsoDate(p.madeOn, input.valueDate) <= 0)
    .sort((a, b) => compareIsoDate(a.promisedDate, b.promisedDate) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  let remaining = input.amount;
  const changes: PromiseChange[] = [];
  for (const p of eligible) {
    if (remaining === ZERO) break;
    const open = positive(sub(p.amount, p.paid));
    if (open === ZERO) continue;
    const applied = open < remaining ? open : remaining;
    remaining = sub(remaining, applied);
    const paidAfter = rupiah(p.paid + applied);
    changes.push({ id: p.id, applied, paidAfter, statusAfter: evaluatePromise({ amountIdr: p.amount, promisedDate: p.promisedDate }, paidAfter, input.valueDate, rules) });
  }
  return changes;
}
