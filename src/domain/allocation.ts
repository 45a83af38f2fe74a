import { compareIsoDate } from './dates.ts';
import { min, sub, ZERO, type Rupiah } from './money.ts';
import { fail, ok, type Result } from './result.ts';

/** The parts of an instalment a payment can settle. */
export const ALLOCATION_COMPONENTS = ['fee', 'penalty', 'interest', 'principal'] as const;
export type AllocationComponent = (typeof ALLOCATION_COMPONENTS)[number];

/** An amount still owed on one component of one instalment. */
export interface DueItem {
  readonly seq: number;
  readonly dueDate: string;
  readonly component: AllocationComponent;
  readonly outstanding: Rupiah;
}

export const ALLOCATION_MODES = ['installment-first', 'component-first'] as const;
export type AllocationMode = (typeof ALLOCATION_MODES)[number];

/**
 * How a payment is spread. `installment-first` clears the oldest instalment completely (in
 * `order`) before touching the next, which cures DPD fastest; `component-first` takes each
 * component across all instalments (all fees, then all penalties…) before the next component.
 */
export interface AllocationPolicy {
  readonly order: readonly AllocationComponent[];
  readonly mode: AllocationMode;
}

/** Fees, then penalty, then interest, then principal; oldest instalment first. */
export const DEFAULT_ALLOCATION_POLICY: AllocationPolicy = {
  order: ['fee', 'penalty', 'interest', 'principal'],
  mode: 'installment-first',
};

export interface Allocation {
  readonly seq: number;
  readonly component: AllocationComponent;
  readonly amount: Rupiah;
}

export interface AllocationOutcome {
  /** In the order the money was applied; only items that received something. */
  readonly allocations: Allocation[];
  /** Over-payment left after every item is settled: becomes the debtor's credit balance. */
  readonly unapplied: Rupiah;
}

/** Checks a configured policy: every component exactly once and a known mode. */
export function validateAllocationPolicy(policy: AllocationPolicy): Result<AllocationPolicy> {
  if (!(ALLOCATION_MODES as readonly string[]).includes(policy.mode)) return fail(`unknown allocation mode "${policy.mode}"`);
  const seen = new Set<string>();
  for (const c of policy.order) {
    if (!(ALLOCATION_COMPONENTS as readonly string[]).includes(c)) return fail(`unknown allocation component "${c}"`);
    if (seen.has(c)) return fail(`allocation component "${c}" appears more than once`);
    seen.add(c);
  }
  const missing = ALLOCATION_COMPONENTS.filter((c) => !seen.has(c));
  if (missing.length > 0) return fail(`allocation order is missing ${missing.join(', ')}`);
  return ok(policy);
}

/**
 * Applies a payment to what is due, following the waterfall policy. Deterministic: ties on
 * due date are broken by `seq`, so the same inputs always give the same split.
 *
 * Throws RangeError (programming errors — validate at the edge) when `amount` ≤ 0, an item's
 * outstanding is negative, or the policy fails `validateAllocationPolicy`.
 *
 * @example allocatePayment(rupiah(150), items) // { allocations: [...], unapplied: 0n }
 */
export function allocatePayment(
  amount: Rupiah,
  items: readonly DueItem[],
  policy: AllocationPolicy = DEFAULT_ALLOCATION_POLICY,
): AllocationOutcome {
  if (amount <= 0n) throw new RangeError(`payment amount must be positive, got ${amount}`);
  const checked = validateAllocationPolicy(policy);
  if (!checked.ok) throw new RangeError(checked.message);
  for (const item of items) {
    if (item.outstanding < 0n) throw new RangeError(`instalment ${item.seq} ${item.component} has negative outstanding ${item.outstanding}`);
  }

  const rank = new Map(policy.order.map((c, i) => [c, i] as const));
  const byInstalment = (a: DueItem, b: DueItem): number => compareIsoDate(a.dueDate, b.dueDate) || a.seq - b.seq;
  const byComponent = (a: DueItem, b: DueItem): number => (rank.get(a.component) ?? 0) - (rank.get(b.component) ?? 0);
  const ordered = items
    .map((item, index) => ({ item, index }))
    .sort(
      (a, b) =>
        (policy.mode === 'installment-first'
          ? byInstalment(a.item, b.item) || byComponent(a.item, b.item)
          : byComponent(a.item, b.item) || byInstalment(a.item, b.item)) || a.index - b.index,
    );

  let remaining = amount;
  const allocations: Allocation[] = [];
  for (const { item } of ordered) {
    if (remaining === ZERO) break;
    if (item.outstanding === ZERO) continue;
    const applied = min(remaining, item.outstanding);
    allocations.push({ seq: item.seq, component: item.component, amount: applied });
    remaining = sub(remaining, applied);
  }
  return { allocations, unapplied: remaining };
}
