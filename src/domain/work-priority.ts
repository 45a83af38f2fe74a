/**
 * Priority of one work item in a collector's call list. Pure and monotone, so supervisors can reason
 * about it: more days past due, a larger balance or a better payment score never lowers the priority;
 * a due callback or promise raises it; a debtor outside the contact window right now drops below every
 * item that can be worked now (it is still listed, with its reasons, for planning).
 */
export interface PriorityInput {
  readonly dpd: number;
  /** Outstanding balance in whole rupiah. */
  readonly outstandingIdr: bigint;
  /** Propensity-to-pay score in [0, 1] when a model has scored the account, else null. */
  readonly score: number | null;
  /** A promise to pay falls due today or is overdue and unpaid: call to confirm or recover it. */
  readonly ptpDue: boolean;
  /** A callback the debtor asked for is due (its time has come). */
  readonly callbackDue: boolean;
  /** The contact policy allows a call to this debtor at the evaluated instant. */
  readonly insideContactWindow: boolean;
}

export interface Priority {
  /** Higher first. A safe integer within the int4 column range. */
  readonly value: number;
  /** What contributed, for the agent's screen: e.g. `dpd:34`, `callback_due`, `outside_window`. */
  readonly reasons: readonly string[];
}

/** Weights as data; each term is bounded so no single signal can overflow or dominate by accident. */
export const PRIORITY_WEIGHTS = {
  /** Points per DPD day, DPD capped at `dpdCap` (beyond a year, older is not more urgent). */
  perDpdDay: 10,
  dpdCap: 720,
  /** Points per decade of balance (Rp1 juta = 6 decades). */
  perBalanceDecade: 400,
  /** A score of 1.0 is worth this much; a missing score counts as the neutral 0.5. */
  scoreWeight: 2000,
  neutralScore: 0.5,
  callbackDue: 8000,
  ptpDue: 5000,
  /** Subtracted when outside the window: larger than any sum of the positive terms. */
  outsideWindowPenalty: 100_000,
} as const;

function balanceDecades(outstanding: bigint): number {
  if (outstanding <= 1n) return 0;
  // log10 of a bigint without losing monotonicity: digits plus the leading digits' fraction.
  const digits = outstanding.toString();
  const lead = Number(digits.slice(0, 15));
  return digits.length - 15 + Math.log10(lead) + (digits.length > 15 ? 0 : 15 - digits.length);
}

/**
 * Computes the priority of a work item. Inputs out of range are clamped (negative DPD as 0, score to [0,1]).
 * @example workPriority({ dpd: 34, outstandingIdr: 1_250_000n, score: null, ptpDue: false, callbackDue: false, insideContactWindow: true }).value // 3780
 */
export function workPriority(input: PriorityInput): Priority {
  const w = PRIORITY_WEIGHTS;
  const reasons: string[] = [];
  const dpd = Math.min(Math.max(0, Math.trunc(input.dpd)), w.dpdCap);
  let value = dpd * w.perDpdDay;
  reasons.push(`dpd:${Math.max(0, Math.trunc(input.dpd))}`);

  value += Math.floor(balanceDecades(input.outstandingIdr) * w.perBalanceDecade);

  const score = input.score === null || Number.isNaN(input.score) ? w.neutralScore : Math.min(1, Math.max(0, input.score));
  value += Math.round(score * w.scoreWeight);
  if (input.score !== null) reasons.push(`score:${score.toFixed(2)}`);

  if (input.callbackDue) {
    value += w.callbackDue;
    reasons.push('callback_due');
  }
  if (input.ptpDue) {
    value += w.ptpDue;
    reasons.push('ptp_due');
  }
  if (!input.insideContactWindow) {
    value -= w.outsideWindowPenalty;
    reasons.push('outside_window');
  }
  return { value, reasons };
}
