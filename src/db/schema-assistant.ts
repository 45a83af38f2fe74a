import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json = ColumnType<unknown, string | undefined, string>;

export const ASSISTANT_CHANNELS = ['web', 'whatsapp'] as const;
export type AssistantChannel = (typeof ASSISTANT_CHANNELS)[number];
/** Chatwoot-style: pending = with the bot, open = with a person, resolved = ended. */
export const CONVERSATION_STATUSES = ['pending', 'open', 'resolved'] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];
export const ASSISTANT_REQUEST_KINDS = ['restructuring', 'settlement', 'payment_trace', 'callback'] as const;
export type AssistantRequestKind = (typeof ASSISTANT_REQUEST_KINDS)[number];

export interface AssistantConversationsTable {
  id: Generated<string>;
  channel: AssistantChannel;
  channel_user_key: string;
  address_enc: string | null;
  status: Generated<ConversationStatus>;
  debtor_id: string | null;
  account_id: string | null;
  contact_id: string | null;
  verified_at: NullableTimestamp;
  failed_verifications: Generated<number>;
  stage: Json;
  handoff_work_item_id: string | null;
  handed_off_at: NullableTimestamp;
  last_intent: string | null;
  turns: Generated<number>;
  started_at: Timestamp;
  last_message_at: Timestamp;
  resolved_at: NullableTimestamp;
}

export interface AssistantMessagesTable {
  id: Generated<bigint>;
  conversation_id: string;
  direction: 'inbound' | 'outbound';
  sender: 'debtor' | 'bot' | 'agent';
  agent_id: string | null;
  body_enc: string;
  intent: string | null;
  confidence: number | null;
  external_id: string | null;
  outside_contact_hours: Generated<boolean>;
  delivery: Generated<'stored' | 'sent' | 'failed'>;
  created_at: Timestamp;
}

export interface AssistantIdentityLocksTable {
  debtor_id: string;
  failures: number;
  window_started_at: Timestamp;
  locked_until: NullableTimestamp;
}

export interface AssistantRequestsTable {
  id: Generated<string>;
  kind: AssistantRequestKind;
  /** Null for requests made in the debtor portal (0310_portal). */
  conversation_id: string | null;
  debtor_id: string;
  account_id: string | null;
  status: Generated<'pending_review' | 'approved' | 'rejected' | 'done'>;
  reason: string | null;
  amount_idr: ColumnType<bigint | null, bigint | number | null | undefined, bigint | number | null>;
  details: Json;
  work_item_id: string | null;
  created_at: Timestamp;
  /** Where the request came from (0310_portal). */
  source: Generated<'assistant' | 'portal'>;
}

/** The debtor assistant's tables (migration 0300_assistant.sql). */
export interface AssistantTables {
  assistant_conversations: AssistantConversationsTable;
  assistant_messages: AssistantMessagesTable;
  assistant_identity_locks: AssistantIdentityLocksTable;
  assistant_requests: AssistantRequestsTable;
}
