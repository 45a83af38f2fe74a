import type { Insertable, Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { ContactDecisionsTable, OutboxMessagesTable } from '../../db/schema-collection.ts';

/** Rows per multi-row INSERT: far below PostgreSQL's 65,535 bind parameters. */
const CHUNK = 500;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/** Outbox rows that already exist for these idempotency keys: key → id. */
export async function existingOutboxKeys(db: Kysely<Database>, keys: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const part of chunks([...new Set(keys)])) {
    const rows = await db.selectFrom('outbox_messages').select(['id', 'idempotency_key']).where('idempotency_key', 'in', part).execute();
    for (const r of rows) out.set(r.idempotency_key, r.id);
  }
  return out;
}

/**
 * Inserts outbox rows; a key that already exists (a concurrent planner won the race) is skipped,
 * never overwritten. Returns key → id of the rows this call inserted.
 */
export async function insertOutboxRows(db: Kysely<Database>, rows: readonly Insertable<OutboxMessagesTable>[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const part of chunks(rows)) {
    const inserted = await db
      .insertInto('outbox_messages')
      .values(part)
      .onConflict((oc) => oc.column('idempotency_key').doNothing())
      .returning(['id', 'idempotency_key'])
      .execute();
    for (const r of inserted) out.set(r.idempotency_key, r.id);
  }
  return out;
}

/** Records policy decisions (plan or dispatch stage). */
export async function insertDecisions(db: Kysely<Database>, rows: readonly Insertable<ContactDecisionsTable>[]): Promise<void> {
  for (const part of chunks(rows)) await db.insertInto('contact_decisions').values(part).execute();
}
