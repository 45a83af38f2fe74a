/**
 * Limits for promises to pay and service levels for disputes and complaints, as data.
 * Defaults follow common Indonesian practice; a lender may tighten them through configuration.
 */
export interface CasePolicy {
  /** A promise may be dated at most this many days after the debtor's local today. */
  readonly ptpMaxDaysAhead: number;
  /** Smallest promise accepted, in rupiah (a token Rp1 "promise" is not a promise). */
  readonly ptpMinAmountIdr: bigint;
  /** Calendar days until a dispute must be answered. */
  readonly disputeSlaDays: number;
  /** Calendar days until a complaint must be answered (POJK 18/2018: 10 working days ≈ 14 calendar days). */
  readonly complaintSlaDays: number;
}

export const DEFAULT_CASE_POLICY: CasePolicy = {
  ptpMaxDaysAhead: 30,
  ptpMinAmountIdr: 10_000n,
  disputeSlaDays: 14,
  complaintSlaDays: 14,
};
