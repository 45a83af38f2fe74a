import { addDays, compareIsoDate, daysBetween } from '../dates.ts';
import type { Rupiah } from '../money.ts';

/** A plan instalment as the schedule records it: what was due and what has been paid towards it. */
export interface InstalmentStanding {
  readonly seq: number;
  readonly dueDate: string;
  readonly due: Rupiah;
  readonly paid: Rupiah;
}

export type PlanStanding =
  | { readonly status: 'completed' }
  | { readonly status: 'current'; readonly nextDueDate: string; readonly nextDue: Rupiah }
  | { readonly status: 'in_grace'; readonly seq: number; readonly dueDate: string; readonly shortfall: Rupiah; readonly graceEnds: string }
  | { readonly status: 'breached'; readonly seq: number; readonly dueDate: string; readonly shortfall: Rupiah; readonly daysLate: number };

/**
 * Where a plan stands on business date `asOf`: breached when the oldest instalment not fully paid is
 * more than `graceDays` past its due date, in grace while it is late but within grace, else current
 * or completed. Pure, so the daily batch calls it for each live plan and strategies can branch on it.
 *
 * @example planStanding([{ seq: 1, dueDate: '2026-11-01', due: 100n, paid: 0n }], '2026-11-09', 7) // breached, daysLate 8
 */
export function planStanding(instalments: readonly InstalmentStanding[], asOf: string, graceDays: number): PlanStanding {
  if (!Number.isInteger(graceDays) || graceDays < 0) throw new RangeError(`graceDays must be a whole number ≥ 0, got ${graceDays}`);
  const open = [...instalments].sort((a, b) => compareIsoDate(a.dueDate, b.dueDate) || a.seq - b.seq).find((i) => i.paid < i.due);
  if (!open) return { status: 'completed' };
  const shortfall = (open.due - open.paid) as Rupiah;
  const daysLate = daysBetween(open.dueDate, asOf);
  if (daysLate <= 0) return { status: 'current', nextDueDate: open.dueDate, nextDue: shortfall };
  if (daysLate <= graceDays) return { status: 'in_grace', seq: open.seq, dueDate: open.dueDate, shortfall, graceEnds: addDays(open.dueDate, graceDays) };
  return { status: 'breached', seq: open.seq, dueDate: open.dueDate, shortfall, daysLate };
}
