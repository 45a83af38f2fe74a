import type { ColumnType, Generated } from 'kysely';

type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string | undefined, string>;

export const ASSIGNMENT_MODES = ['least_loaded', 'team_pool'] as const;
export type AssignmentMode = (typeof ASSIGNMENT_MODES)[number];

export interface AssignmentRulesTable {
  id: Generated<string>;
  name: string;
  position: number;
  conditions: Json;
  team_id: string;
  queue: Generated<string>;
  mode: Generated<AssignmentMode>;
  agent_role: Generated<'agent' | 'field_agent'>;
  active: Generated<boolean>;
  created_by: string | null;
  created_at: Generated<Date>;
}

export const FIELD_VISIT_STATUSES = ['assigned', 'checked_in', 'completed', 'cancelled'] as const;
export type FieldVisitStatus = (typeof FIELD_VISIT_STATUSES)[number];

export interface FieldVisitsTable {
  id: Generated<string>;
  work_item_id: string;
  account_id: string;
  debtor_id: string;
  field_agent_id: string;
  status: Generated<FieldVisitStatus>;
  scheduled_for: Timestamp;
  check_in_at: NullableTimestamp;
  check_in_lat: number | null;
  check_in_lng: number | null;
  check_in_accuracy_m: number | null;
  check_out_at: NullableTimestamp;
  check_out_lat: number | null;
  check_out_lng: number | null;
  check_out_accuracy_m: number | null;
  outcome: string | null;
  notes: string | null;
  interaction_id: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

export const PHOTO_CONTENT_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type PhotoContentType = (typeof PHOTO_CONTENT_TYPES)[number];

export interface FieldVisitPhotosTable {
  id: Generated<string>;
  visit_id: string;
  content_type: PhotoContentType;
  bytes: Buffer;
  size_bytes: number;
  sha256: string;
  uploaded_by: string | null;
  uploaded_at: Generated<Date>;
}

// Columns 0130_work_cases.sql adds to tables of 0100_collection.sql, merged into their interfaces by augmentation
// so schema-collection.ts stays untouched.
declare module './schema-collection.ts' {
  interface DisputesTable {
    resolved_by: ColumnType<string | null, string | null | undefined, string | null>;
  }
  interface PromisesToPayTable {
    cancelled_at: NullableTimestamp;
    cancelled_by: ColumnType<string | null, string | null | undefined, string | null>;
    cancel_reason: ColumnType<string | null, string | null | undefined, string | null>;
  }
  interface WorkItemsTable {
    interaction_id: ColumnType<string | null, string | null | undefined, string | null>;
  }
}

/** Tables of migration 0130_work_cases.sql. */
export interface CasesTables {
  assignment_rules: AssignmentRulesTable;
  field_visits: FieldVisitsTable;
  field_visit_photos: FieldVisitPhotosTable;
}
