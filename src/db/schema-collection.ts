import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json = ColumnType<unknown, string | undefined, string>;
type Money = ColumnType<bigint, bigint | number, bigint | number>;

export const CONTACT_CHANNELS = ['sms', 'whatsapp', 'email', 'voice', 'field'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];
type VersionStatus = 'draft' | 'active' | 'retired';

export interface ContactPoliciesTable {
  id: Generated<string>;
  version: number;
  name: string;
  definition: Json;
  status: Generated<VersionStatus>;
  created_by: string | null;
  created_at: Generated<Date>;
  activated_at: NullableTimestamp;
}

export interface HolidayOverridesTable {
  date: string;
  kind: 'collective_leave' | 'holiday' | 'working_day';
  name: string;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface ContactDecisionsTable {
  id: Generated<bigint>;
  decided_at: Timestamp;
  debtor_id: string;
  account_id: string | null;
  contact_id: string | null;
  channel: ContactChannel;
  purpose: string;
  allowed: boolean;
  reasons: ColumnType<string[], string[] | undefined, string[]>;
  next_allowed_at: NullableTimestamp;
  policy_version: number;
  stage: 'plan' | 'dispatch' | 'manual' | 'simulation';
  outbox_id: string | null;
}

export interface MessageTemplatesTable {
  id: Generated<string>;
  code: string;
  channel: ContactChannel;
  language: 'id' | 'en';
  version: number;
  subject: string | null;
  body: string;
  status: Generated<'active' | 'retired'>;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface StrategiesTable {
  id: Generated<string>;
  version: number;
  name: string;
  definition: Json;
  status: Generated<VersionStatus>;
  created_by: string | null;
  created_at: Generated<Date>;
  activated_at: NullableTimestamp;
}

export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'delivered', 'read', 'failed', 'blocked', 'dead', 'cancelled'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

export interface OutboxMessagesTable {
  id: Generated<string>;
  idempotency_key: string;
  debtor_id: string;
  account_id: string | null;
  contact_id: string | null;
  channel: ContactChannel;
  purpose: string;
  template_code: string | null;
  language: Generated<string>;
  subject: string | null;
  body: string;
  status: Generated<OutboxStatus>;
  not_before: Timestamp;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  last_error: string | null;
  block_reasons: ColumnType<string[], string[] | undefined, string[]>;
  provider: string | null;
  provider_message_id: string | null;
  claimed_by: string | null;
  claimed_until: NullableTimestamp;
  strategy_version: number | null;
  treatment_code: string | null;
  business_date: string | null;
  created_at: Generated<Date>;
  sent_at: NullableTimestamp;
  delivered_at: NullableTimestamp;
  /** Set to 'needed' when a send's outcome is unknown; a person resolves it (outbox/review.ts). */
  review_state: ColumnType<OutboxReviewState | null, OutboxReviewState | null | undefined, OutboxReviewState | null>;
  reviewed_by: string | null;
  reviewed_at: NullableTimestamp;
  review_note: string | null;
}

export const OUTBOX_REVIEW_RESOLUTIONS = ['confirmed_sent', 'resent', 'dropped'] as const;
export type OutboxReviewResolution = (typeof OUTBOX_REVIEW_RESOLUTIONS)[number];
export type OutboxReviewState = 'needed' | OutboxReviewResolution;

export interface EarlyDeliveryReportsTable {
  id: Generated<bigint>;
  provider: string;
  provider_message_id: string;
  status: 'sent' | 'delivered' | 'read' | 'failed';
  reported_at: Date;
  error: string | null;
  received_at: Generated<Date>;
}

export interface OutboxEventsTable {
  id: Generated<bigint>;
  outbox_id: string;
  event: string;
  detail: Json;
  occurred_at: Generated<Date>;
}

export const WORK_ITEM_KINDS = ['call', 'callback', 'field_visit', 'legal_review', 'handoff', 'review'] as const;
export type WorkItemKind = (typeof WORK_ITEM_KINDS)[number];

export interface WorkItemsTable {
  id: Generated<string>;
  idempotency_key: string | null;
  kind: WorkItemKind;
  account_id: string | null;
  debtor_id: string;
  case_id: string | null;
  queue: string;
  priority: Generated<number>;
  status: Generated<'open' | 'in_progress' | 'done' | 'cancelled'>;
  due_at: Timestamp;
  assigned_user_id: string | null;
  team_id: string | null;
  outcome: string | null;
  notes: string | null;
  created_at: Generated<Date>;
  started_at: NullableTimestamp;
  completed_at: NullableTimestamp;
}

export const PTP_STATUSES = ['pending', 'kept', 'partially_kept', 'broken', 'cancelled'] as const;
export type PtpStatus = (typeof PTP_STATUSES)[number];

export interface PromisesToPayTable {
  id: Generated<string>;
  account_id: string;
  debtor_id: string;
  amount_idr: Money;
  promised_date: string;
  status: Generated<PtpStatus>;
  paid_idr: ColumnType<bigint, bigint | number | undefined, bigint | number>;
  source: 'agent' | 'assistant' | 'portal' | 'import';
  created_by: string | null;
  interaction_id: string | null;
  created_at: Generated<Date>;
  evaluated_at: NullableTimestamp;
}

export interface DisputesTable {
  id: Generated<string>;
  reference: string;
  kind: 'dispute' | 'complaint';
  debtor_id: string;
  account_id: string | null;
  status: Generated<'open' | 'resolved' | 'rejected'>;
  category: string | null;
  description: string;
  opened_via: string;
  opened_by: string | null;
  opened_at: Generated<Date>;
  sla_due_at: Timestamp;
  resolved_at: NullableTimestamp;
  resolution: string | null;
}

export interface BatchRunsTable {
  id: Generated<string>;
  job: string;
  business_date: string;
  status: 'running' | 'succeeded' | 'failed';
  checkpoint: Json;
  summary: Json;
  started_at: Generated<Date>;
  heartbeat_at: Generated<Date>;
  finished_at: NullableTimestamp;
}

/** The collection engine's shared tables (migration 0100_collection.sql). */
export interface CollectionTables {
  contact_policies: ContactPoliciesTable;
  holiday_overrides: HolidayOverridesTable;
  contact_decisions: ContactDecisionsTable;
  message_templates: MessageTemplatesTable;
  strategies: StrategiesTable;
  outbox_messages: OutboxMessagesTable;
  outbox_events: OutboxEventsTable;
  early_delivery_reports: EarlyDeliveryReportsTable;
  work_items: WorkItemsTable;
  promises_to_pay: PromisesToPayTable;
  disputes: DisputesTable;
  batch_runs: BatchRunsTable;
}
