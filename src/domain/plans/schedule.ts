import { daysInMonth } from '../dates.ts';
import { splitProportionally, sub, sum, type Rupiah } from '../money.ts';

/** One instalment of a plan: whole rupiah due on a business date. */
export interface PlanInstalment {
  readonly seq: number;
  readonly dueDate: string;
  readonly amount: Rupiah;
}

export interface ScheduleRequest {
  /** What the debtor will pay in all (outstanding minus any discount). */
  readonly total: Rupiah;
  /** The first instalment (down payment); equals `total` for a single-payment plan. */
  readonly firstPayment: Rupiah;
  /** Number of instalments including the first (≥ 1). */
  readonly instalments: number;
  readonly firstDueDate: string;
}

/**
 * The same day of the month `months` later, clamped to the month's last day, always measured from the
 * first due date so a plan starting on the 31st pays on the 31st/30th/28th, never drifting to the 28th.
 *
 * @example addMonthsClamped('2026-01-31', 1) // '2026-02-28'
 */
export function addMonthsClamped(date: string, months: number): string {
  const y0 = Number(date.slice(0, 4));
  const m0 = Number(date.slice(5, 7));
  const d0 = Number(date.slice(8, 10));
  const index = y0 * 12 + (m0 - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  const d = Math.min(d0, daysInMonth(y, m));
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * Monthly plan schedule in whole rupiah: the first payment, then the rest split as evenly as whole rupiah
 * allow (earlier instalments carry the odd rupiah), so the instalments add up to `total` exactly — no
 * rounding loss and no invented rupiah. Throws on requests `validateProposal` would reject
 * (first payment above the total, a multi-instalment plan with nothing left after the first payment).
 *
 * @example generateSchedule({ total: rupiah(1_000_000), firstPayment: rupiah(100_000), instalments: 4, firstDueDate: '2026-12-01' })
 * // 100000 on 12-01, then 300000 on 2027-01-01, 02-01, 03-01
 */
export function generateSchedule(req: ScheduleRequest): PlanInstalment[] {
  if (!Number.isInteger(req.instalments) || req.instalments < 1) throw new RangeError(`instalments must be a whole number ≥ 1, got ${req.instalments}`);
  if (req.firstPayment <= 0n || req.firstPayment > req.total) throw new RangeError('first payment must be positive and at most the total');
  if (req.instalments === 1) {
    if (req.firstPayment !== req.total) throw new RangeError('a single-instalment plan pays the whole total at once');
    return [{ seq: 1, dueDate: req.firstDueDate, amount: req.total }];
  }
  const rest = sub(req.total, req.firstPayment);
  if (rest <= 0n) throw new RangeError('nothing is left for the instalments after the first payment');
  const shares = splitProportionally(rest, Array.from({ length: req.instalments - 1 }, () => 1n));
  const out: PlanInstalment[] = [{ seq: 1, dueDate: req.firstDueDate, amount: req.firstPayment }];
  shares.forEach((amount, i) => out.push({ seq: i + 2, dueDate: addMonthsClamped(req.firstDueDate, i + 1), amount }));
  if (sum(out.map((i) => i.amount)) !== req.total) throw new Error('schedule does not add up to the total');
  return out;
}
