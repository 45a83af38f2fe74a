import type { Rupiah } from '../money.ts';

/** Rules the engine can match by, strongest first. The rule name is reported with every candidate. */
export const MATCH_RULES = [
  'va_reference', // the line's reference field is a virtual account number
  'account_reference', // the line's reference field is an account number
  'va_description', // a VA number appears in the description
  'account_description', // an account number appears in the description
  'name_amount_date', // debtor's name in the description, amount = expected instalment or promise near its date
  'account_typo_name_amount', // like name_amount_date among same-named payers, decided by an account number one digit off in the description
  'amount_date', // amount = expected instalment or promise near its date, no other evidence
] as const;
export type MatchRule = (typeof MATCH_RULES)[number];

/** What the engine knows about an account that could be the payer. Names only for accounts already short-listed. */
export interface AccountCandidate {
  readonly accountId: string;
  readonly accountNo: string;
  readonly vaNumber: string | null;
  readonly status: string;
  readonly outstanding: Rupiah;
  readonly installment: Rupiah | null;
  /** Oldest unpaid due date: the instalment a payment is expected for. */
  readonly expectedDueDate: string | null;
  readonly pendingPromises: readonly { readonly amount: Rupiah; readonly promisedDate: string }[];
  /** Debtor's name, decrypted/loaded by the caller only for short-listed accounts; null when not loaded. */
  readonly debtorName: string | null;
}

/** A credit line to match. */
export interface CreditLine {
  readonly amount: Rupiah;
  /** Value date `YYYY-MM-DD`. */
  readonly valueDate: string;
  readonly reference: string;
  readonly description: string;
}

/**
 * The accounts the caller looked up for a line: by identifier (VA / account number, normalised) and by
 * amount near the value date. Lookups are done in bulk by the caller (SQL), the decision here is pure.
 */
export interface CandidateLookup {
  readonly byVa: ReadonlyMap<string, AccountCandidate>;
  readonly byAccountNo: ReadonlyMap<string, AccountCandidate>;
  /** Accounts whose instalment or pending promise equals the amount near the value date. */
  readonly byAmount: readonly AccountCandidate[];
}

export interface MatchCandidate {
  readonly accountId: string;
  readonly accountNo: string;
  readonly rule: MatchRule;
  /** 0..1: how sure the rule is that this account paid. */
  readonly confidence: number;
}

/**
 * The engine's verdict: `matched` (book automatically: exactly one account, strong rule, nothing contradicting),
 * `suggested` (a person confirms: candidates ranked), `unmatched` (nothing plausible).
 */
export interface MatchDecision {
  readonly status: 'matched' | 'suggested' | 'unmatched';
  readonly accountId: string | null;
  readonly accountNo: string | null;
  readonly rule: MatchRule | 'none';
  readonly confidence: number;
  /** Ranked, best first, at most `MAX_CANDIDATES`. */
  readonly candidates: readonly MatchCandidate[];
}

export const MAX_CANDIDATES = 5;
