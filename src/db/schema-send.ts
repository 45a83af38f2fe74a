import type { Generated } from 'kysely';

/** A message the sandbox adapter "delivered" (migration 0120_send_path.sql). */
export interface OutboxSandboxTable {
  id: Generated<bigint>;
  idempotency_key: string;
  outbox_id: string;
  channel: string;
  contact_id: string | null;
  subject: string | null;
  body: string;
  received_at: Generated<Date>;
}

/** Tables added by the send path (outbox module). */
export interface SendTables {
  outbox_sandbox: OutboxSandboxTable;
}
