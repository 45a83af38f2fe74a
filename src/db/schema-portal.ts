import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export const DATA_REQUEST_KINDS = ['access', 'correction', 'consent_withdrawal'] as const;
export type DataRequestKind = (typeof DATA_REQUEST_KINDS)[number];
export const DATA_REQUEST_STATUSES = ['open', 'closed'] as const;
export type DataRequestStatus = (typeof DATA_REQUEST_STATUSES)[number];

export interface PortalOtpsTable {
  id: Generated<string>;
  account_key: string;
  debtor_id: string | null;
  account_id: string | null;
  contact_id: string | null;
  code_hash: string;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  created_at: Timestamp;
  expires_at: Timestamp;
  consumed_at: NullableTimestamp;
  locked_at: NullableTimestamp;
  ip: string | null;
}

export interface PortalSessionsTable {
  id: string;
  debtor_id: string;
  otp_id: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: NullableTimestamp;
}

export interface PortalContactHoursTable {
  debtor_id: string;
  start_local: string;
  end_local: string;
  recorded_at: Timestamp;
}

export interface DataSubjectRequestsTable {
  id: Generated<string>;
  reference: string;
  debtor_id: string;
  kind: DataRequestKind;
  status: Generated<DataRequestStatus>;
  details_enc: string | null;
  created_at: Timestamp;
  due_at: Timestamp;
  closed_at: NullableTimestamp;
  closed_by: string | null;
  resolution: string | null;
}

/** Tables of migration 0310_portal, joined into `Database` in schema.ts. */
export interface PortalTables {
  portal_otps: PortalOtpsTable;
  portal_sessions: PortalSessionsTable;
  portal_contact_hours: PortalContactHoursTable;
  data_subject_requests: DataSubjectRequestsTable;
}
