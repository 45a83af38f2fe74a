import type { StatementParseError } from './statement-error.ts';

/** Input formats `parseStatement` understands. */
export const STATEMENT_FORMATS = ['mt940', 'csv'] as const;
export type StatementFormat = (typeof STATEMENT_FORMATS)[number];

/** Which way money moved on the account holder's account: `credit` is money in (a debtor paying). */
export const DIRECTIONS = ['credit', 'debit'] as const;
export type Direction = (typeof DIRECTIONS)[number];

/**
 * One booked line of a bank statement, the unit reconciliation matches against accounts.
 * Amounts are absolute and exact: `amount` is the decimal text for output, `amountMinor` the same
 * value as integer minor units (`amountMinor / 10^minorExponent` = amount) for arithmetic.
 */
export interface StatementTransaction {
  /** Value date, `YYYY-MM-DD`. */
  readonly date: string;
  /** Booking (entry) date, `YYYY-MM-DD`, when the statement gives one. */
  readonly entryDate: string | null;
  /** Absolute amount, e.g. `'1250000.00'`, always with the currency's number of decimals. */
  readonly amount: string;
  /** Absolute amount in minor units (`125000000n` for `'1250000.00'` IDR). */
  readonly amountMinor: bigint;
  readonly minorExponent: number;
  /** ISO 4217 code. */
  readonly currency: string;
  readonly direction: Direction;
  /** MT940 `RC`/`RD`: the bank undoing an earlier entry. `RD` (reversal of debit) is money in, so a credit. */
  readonly reversal: boolean;
  /** The account owner's reference (MT940 :61: customer reference, CSV reference column); `''` when none. MT940 `NONREF` is kept as written. */
  readonly reference: string;
  /** The bank's own reference (MT940 :61: after `//`), or null. */
  readonly bankReference: string | null;
  /** MT940 transaction type (`NTRF`, `NMSC`, `FTRF`, `S103`…), or null for CSV. */
  readonly transactionType: string | null;
  /** Free text: MT940 :86: (falling back to the :61: supplementary details), CSV description column. */
  readonly description: string;
  /** Account the statement is for (MT940 :25:), or null when the file does not say. */
  readonly account: string | null;
  /** MT940 :20: transaction reference number of the statement message, or null. */
  readonly statementRef: string | null;
  /** MT940 :28C: statement/sequence number, or null. */
  readonly statementNo: string | null;
  /** 1-based line in the decoded file where this transaction starts (:61: line, CSV record line). */
  readonly lineNo: number;
  /** 1-based position of this transaction within its statement; with account + statementRef + statementNo it identifies the line. */
  readonly position: number;
}

/** MT940 balance kinds: `F` final (opening/closing of the statement), `M` intermediate (continued on another page). */
export const BALANCE_KINDS = ['final', 'intermediate'] as const;
export type BalanceKind = (typeof BALANCE_KINDS)[number];

/** A balance field (:60a:, :62a:, :64:, :65:). `amountMinor` is signed: debit balances are negative. */
export interface StatementBalance {
  readonly kind: BalanceKind;
  readonly date: string;
  readonly currency: string;
  readonly amountMinor: bigint;
  /** Signed decimal text, e.g. `'-1500.00'` for a debit balance. */
  readonly amount: string;
}

/** One statement (one MT940 :20: block, or a whole CSV file) with its transactions in statement order. */
export interface ParsedStatement {
  readonly format: StatementFormat;
  /** CSV preset used, or null for MT940. */
  readonly preset: string | null;
  readonly account: string | null;
  readonly statementRef: string | null;
  /** :21: related reference, or null. */
  readonly relatedRef: string | null;
  readonly statementNo: string | null;
  readonly currency: string;
  readonly openingBalance: StatementBalance | null;
  readonly closingBalance: StatementBalance | null;
  readonly availableBalance: StatementBalance | null;
  readonly forwardBalances: readonly StatementBalance[];
  /** Statement-level :86: (after the closing balance), or null. */
  readonly information: string | null;
  /** 1-based line where the statement starts. */
  readonly lineNo: number;
  readonly transactions: readonly StatementTransaction[];
}

/** Either the whole file parsed, or the first problem found; never a partial result. */
export type StatementParseResult =
  | { readonly ok: true; readonly format: StatementFormat; readonly statements: readonly ParsedStatement[] }
  | { readonly ok: false; readonly error: StatementParseError };
