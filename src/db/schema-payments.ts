import type { ColumnType, Generated } from 'kysely';
import type { PaymentsTable } from './schema.ts';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json = ColumnType<unknown, string | undefined, string>;

export const PAYMENT_SOURCES = ['statement', 'gateway', 'manual'] as const;
export type PaymentSource = (typeof PAYMENT_SOURCES)[number];

/** Columns 0200_payments.sql adds to `payments`. */
export interface PaymentBookingColumns {
  value_date: string | null;
  source: PaymentSource | null;
  /** What the booking changed (see `src/modules/payments/effects.ts`), so a reversal undoes exactly that. */
  effects: Json;
  reversed_by: string | null;
}

export const STATEMENT_LINE_STATUSES = ['matched', 'suggested', 'unmatched', 'ignored', 'confirmed', 'rejected'] as const;
export type StatementLineStatus = (typeof STATEMENT_LINE_STATUSES)[number];

export interface StatementImportsTable {
  id: Generated<string>;
  file_name: string;
  file_sha256: string;
  format: 'mt940' | 'csv';
  lines_total: number;
  lines_new: number;
  matched: Generated<number>;
  suggested: Generated<number>;
  unmatched: Generated<number>;
  actor_label: string;
  imported_at: Generated<Date>;
}

export interface StatementLinesTable {
  id: Generated<string>;
  line_key: string;
  import_id: string;
  line_no: number;
  statement_account: string | null;
  statement_ref: string | null;
  value_date: string;
  entry_date: string | null;
  amount: string;
  amount_idr: ColumnType<bigint | null, bigint | number | null | undefined, bigint | number | null>;
  currency: string;
  direction: 'credit' | 'debit';
  reference: string;
  description: string;
  status: StatementLineStatus;
  rule: string;
  /** numeric(4,3): read as a decimal string on both drivers. */
  confidence: ColumnType<string, number | string | undefined, number | string>;
  account_id: string | null;
  payment_id: string | null;
  candidates: Json;
  reviewed_by: string | null;
  reviewed_at: NullableTimestamp;
  review_note: string | null;
  created_at: Timestamp;
}

/** Tables of the payments module (migration 0200_payments.sql). */
export interface PaymentTables {
  payments: PaymentsTable & PaymentBookingColumns;
  statement_imports: StatementImportsTable;
  statement_lines: StatementLinesTable;
}
