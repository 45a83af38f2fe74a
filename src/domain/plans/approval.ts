import type { Rupiah } from '../money.ts';
import type { Role } from '../permissions.ts';

/** Who may approve up to which discount (basis points of the outstanding balance). Data, so policy can change it. */
export interface ApprovalLimit {
  readonly role: Role;
  readonly maxDiscountBps: number;
}

/** Agent ≤ 10%, supervisor ≤ 30%, admin above that. Ordered from the smallest authority up. */
export const DEFAULT_APPROVAL_LIMITS: readonly ApprovalLimit[] = [
  { role: 'agent', maxDiscountBps: 1000 },
  { role: 'supervisor', maxDiscountBps: 3000 },
  { role: 'admin', maxDiscountBps: 10_000 },
];

/**
 * Checks a limits table: limits within 0–10000 and strictly increasing, each role once, and the last one
 * covering every discount (otherwise some proposal could never be decided). Returns the problems.
 */
export function validateApprovalLimits(limits: readonly ApprovalLimit[]): string[] {
  const problems: string[] = [];
  if (limits.length === 0) return ['at least one approval limit is required'];
  const seen = new Set<Role>();
  limits.forEach((l, i) => {
    if (!Number.isInteger(l.maxDiscountBps) || l.maxDiscountBps < 0 || l.maxDiscountBps > 10_000) problems.push(`${l.role}: maxDiscountBps must be 0–10000`);
    if (seen.has(l.role)) problems.push(`${l.role} appears twice`);
    seen.add(l.role);
    const prev = limits[i - 1];
    if (prev && l.maxDiscountBps <= prev.maxDiscountBps) problems.push(`${l.role}: limit must exceed ${prev.role}'s`);
  });
  if (limits[limits.length - 1]!.maxDiscountBps !== 10_000) problems.push('the last role must be able to approve any discount (10000 bps)');
  return problems;
}

/** True when `discount` of `outstanding` is within `bps` basis points, compared exactly in integers. */
function within(discount: Rupiah, outstanding: Rupiah, bps: number): boolean {
  return discount * 10_000n <= outstanding * BigInt(bps);
}

/**
 * The least senior role allowed to approve this discount (exact integer comparison, so 10.0001% is not 10%).
 *
 * @example requiredApprover(rupiah(150_000), rupiah(1_000_000), DEFAULT_APPROVAL_LIMITS) // 'supervisor'
 */
export function requiredApprover(discount: Rupiah, outstanding: Rupiah, limits: readonly ApprovalLimit[]): Role {
  for (const l of limits) if (within(discount, outstanding, l.maxDiscountBps)) return l.role;
  return limits[limits.length - 1]!.role;
}

/** Whether `role` may approve this discount: it must appear in the table with a limit that covers it. */
export function mayApprove(role: Role, discount: Rupiah, outstanding: Rupiah, limits: readonly ApprovalLimit[]): boolean {
  const limit = limits.find((l) => l.role === role);
  return limit !== undefined && within(discount, outstanding, limit.maxDiscountBps);
}
