import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { CollectionTables } from './schema-collection.ts';
import type { AssistantTables } from './schema-assistant.ts';
import type { CasesTables } from './schema-cases.ts';
import type { GatewayTables } from './schema-gateways.ts';
import type { PaymentTables } from './schema-payments.ts';
import type { DailyTables } from './schema-daily.ts';
import type { SendTables } from './schema-send.ts';
import type { PortalTables } from './schema-portal.ts';

/** A timestamptz column: read as Date, written as Date or ISO string, defaulted by the database. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** A `date` column, always 'YYYY-MM-DD' on both drivers (see connection.ts type parsers). */
type IsoDate = string;
type Money = ColumnType<bigint, bigint | number, bigint | number>;
type Json = ColumnType<unknown, string, string>;

export interface CreditorsTable {
  id: Generated<string>;
  code: string;
  name: string;
  created_at: Generated<Date>;
}

export interface TeamsTable {
  id: Generated<string>;
  name: string;
  created_at: Generated<Date>;
}

export interface UsersTable {
  id: Generated<string>;
  username: string;
  display_name: string;
  password_hash: string;
  role: 'admin' | 'supervisor' | 'agent' | 'field_agent' | 'compliance';
  team_id: string | null;
  mfa_secret_enc: string | null;
  mfa_enabled: Generated<boolean>;
  failed_logins: Generated<number>;
  locked_until: NullableTimestamp;
  disabled_at: NullableTimestamp;
  created_at: Generated<Date>;
  /** TOTP time step last accepted (replay guard); added by 0002_security. */
  mfa_last_step: ColumnType<bigint | null, bigint | number | null | undefined, bigint | number | null>;
  password_changed_at: NullableTimestamp;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  mfa_verified: Generated<boolean>;
  created_at: Generated<Date>;
  expires_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
}

export interface LoginAttemptsTable {
  id: Generated<bigint>;
  username: string;
  ip: string | null;
  succeeded: boolean;
  attempted_at: Generated<Date>;
}

export interface DebtorsTable {
  id: Generated<string>;
  creditor_id: string;
  debtor_ref: string;
  full_name: string;
  nik_enc: string | null;
  nik_hash: string | null;
  birth_date_enc: string | null;
  language: Generated<'id' | 'en'>;
  province_code: string | null;
  timezone: string;
  source_hash: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface DebtorContactsTable {
  id: Generated<string>;
  debtor_id: string;
  type: 'phone' | 'email';
  value_enc: string;
  value_hash: string;
  is_primary: Generated<boolean>;
  is_verified: Generated<boolean>;
  is_emergency: Generated<boolean>;
  emergency_name: string | null;
  emergency_relation: string | null;
  emergency_consent_at: NullableTimestamp;
  source: Generated<string>;
  created_at: Generated<Date>;
}

export interface ContactChannelPreferencesTable {
  contact_id: string;
  channel: 'sms' | 'whatsapp' | 'email' | 'voice';
  consent: 'granted' | 'opted_out';
  consent_outside_hours: Generated<boolean>;
  recorded_at: Generated<Date>;
  source: string;
}

export interface DebtorAddressesTable {
  id: Generated<string>;
  debtor_id: string;
  kind: 'billing' | 'domicile' | 'work' | 'ktp';
  address_enc: string;
  address_hash: string;
  city: string | null;
  postal_code: string | null;
  province_code: string;
  timezone: string;
  created_at: Generated<Date>;
}

export const ACCOUNT_STATUSES = ['active', 'paid_off', 'settled', 'restructured', 'written_off', 'closed'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

export interface AccountsTable {
  id: Generated<string>;
  creditor_id: string;
  debtor_id: string;
  account_no: string;
  product: string;
  principal_idr: ColumnType<bigint | null, bigint | number | null | undefined, bigint | number | null>;
  outstanding_idr: Money;
  installment_idr: ColumnType<bigint | null, bigint | number | null | undefined, bigint | number | null>;
  tenor_months: number | null;
  credit_balance_idr: ColumnType<bigint, bigint | number | undefined, bigint | number>;
  oldest_unpaid_due_date: IsoDate | null;
  dpd: Generated<number>;
  bucket: Generated<string>;
  kol: Generated<number>;
  delinquency_as_of: IsoDate | null;
  status: Generated<AccountStatus>;
  va_number: string | null;
  source_hash: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface AccountScheduleTable {
  account_id: string;
  seq: number;
  due_date: IsoDate;
  principal_due: Money;
  interest_due: Money;
  fee_due: Money;
  penalty_due: Money;
  principal_paid: ColumnType<bigint, bigint | number | undefined, bigint | number>;
  interest_paid: ColumnType<bigint, bigint | number | undefined, bigint | number>;
  fee_paid: ColumnType<bigint, bigint | number | undefined, bigint | number>;
  penalty_paid: ColumnType<bigint, bigint | number | undefined, bigint | number>;
  /** The payment plan this row belongs to (null: the original loan schedule); added by 0210. */
  plan_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface DelinquencyHistoryTable {
  id: Generated<bigint>;
  account_id: string;
  bucket: string;
  kol: number;
  added_on: IsoDate;
  lifted_on: IsoDate | null;
}

export interface PaymentsTable {
  id: Generated<string>;
  account_id: string;
  amount_idr: Money;
  paid_at: Timestamp;
  channel: string;
  external_ref: string | null;
  idempotency_key: string;
  status: Generated<'booked' | 'reversed'>;
  reversed_at: NullableTimestamp;
  reversal_reason: string | null;
  created_at: Generated<Date>;
}

export interface PaymentAllocationsTable {
  id: Generated<bigint>;
  payment_id: string;
  account_id: string;
  schedule_seq: number | null;
  component: 'fee' | 'penalty' | 'interest' | 'principal' | 'credit';
  amount_idr: Money;
}

export const INTERACTION_CHANNELS = ['sms', 'whatsapp', 'email', 'voice', 'field', 'chat', 'letter', 'system'] as const;
export type InteractionChannel = (typeof INTERACTION_CHANNELS)[number];

export interface InteractionsTable {
  id: Generated<string>;
  debtor_id: string;
  account_id: string | null;
  channel: InteractionChannel;
  direction: 'inbound' | 'outbound';
  outcome: string | null;
  agent_id: string | null;
  notes: string | null;
  occurred_at: Timestamp;
  created_at: Generated<Date>;
}

export interface CasesTable {
  id: Generated<string>;
  account_id: string;
  debtor_id: string;
  status: Generated<'open' | 'closed'>;
  queue: Generated<string>;
  priority: Generated<number>;
  opened_at: Generated<Date>;
  closed_at: NullableTimestamp;
  close_reason: string | null;
}

export interface AssignmentsTable {
  id: Generated<bigint>;
  account_id: string;
  user_id: string | null;
  team_id: string | null;
  assigned_at: Generated<Date>;
  unassigned_at: NullableTimestamp;
  assigned_by: string | null;
  reason: string | null;
}

export interface AuditLogTable {
  seq: Generated<bigint>;
  occurred_at: Timestamp;
  actor_id: string | null;
  actor_label: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  reason: string | null;
  details: Json;
  prev_hash: string;
  hash: string;
}

export interface ImportJobsTable {
  id: Generated<string>;
  kind: string;
  file_name: string;
  status: 'running' | 'succeeded' | 'rejected' | 'failed';
  allow_partial: boolean;
  rows_read: Generated<number>;
  inserted: Generated<number>;
  updated: Generated<number>;
  rejected: Generated<number>;
  errors: ColumnType<unknown, string | undefined, string>;
  created_by: string | null;
  started_at: Generated<Date>;
  finished_at: NullableTimestamp;
}

export interface LeasesTable {
  name: string;
  holder: string;
  expires_at: Timestamp;
}

/**
 * Every table Tagih owns. Each capability area keeps its table types in its own `schema-<area>.ts`
 * and joins them here with `extends`.
 */
export interface Database extends CollectionTables, CasesTables, AssistantTables, PaymentTables, GatewayTables, SendTables, DailyTables, PortalTables {
  creditors: CreditorsTable;
  teams: TeamsTable;
  users: UsersTable;
  sessions: SessionsTable;
  login_attempts: LoginAttemptsTable;
  debtors: DebtorsTable;
  debtor_contacts: DebtorContactsTable;
  contact_channel_preferences: ContactChannelPreferencesTable;
  debtor_addresses: DebtorAddressesTable;
  accounts: AccountsTable;
  account_schedule: AccountScheduleTable;
  delinquency_history: DelinquencyHistoryTable;
  payment_allocations: PaymentAllocationsTable;
  interactions: InteractionsTable;
  cases: CasesTable;
  assignments: AssignmentsTable;
  audit_log: AuditLogTable;
  import_jobs: ImportJobsTable;
  leases: LeasesTable;
}

export type User = Selectable<UsersTable>;
export type Debtor = Selectable<DebtorsTable>;
export type Account = Selectable<AccountsTable>;
export type NewAccount = Insertable<AccountsTable>;
export type AccountUpdate = Updateable<AccountsTable>;
export type Interaction = Selectable<InteractionsTable>;
export type AuditRow = Selectable<AuditLogTable>;
