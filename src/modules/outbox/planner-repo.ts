import { sql, type Insertable, type Kysely } from 'kysely';
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

/** One contact_decisions row to write. */
export interface DecisionRow {
  readonly decided_at: Date;
  readonly debtor_id: string;
  readonly account_id: string | null;
  readonly contact_id: string | null;
  readonly channel: ContactDecisionsTable['channel'];
  readonly purpose: string;
  readonly allowed: boolean;
  readonly reasons: readonly string[];
  readonly next_allowed_at: Date | null;
  readonly policy_version: number;
  readonly stage: ContactDecisionsTable['stage'];
  readonly outbox_id: string | null;
}

/**
 * Records policy decisions (plan or dispatch stage) with one `unnest` statement per 5,000 rows:
 * the dispatcher writes one per message sent, so this is on the hot path. Reason codes contain
 * no commas, so each row's reasons travel as one comma-joined string.
 */
export async function insertDecisions(db: Kysely<Database>, rows: readonly DecisionRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 5000) {
    const part = rows.slice(i, i + 5000);
    const col = <T>(f: (r: DecisionRow) => T) => part.map(f);
    await sql`
      insert into contact_decisions (decided_at, debtor_id, account_id, contact_id, channel, purpose, allowed, reasons, next_allowed_at, policy_version, stage, outbox_id)
      select decided_at, debtor_id, account_id, contact_id, channel, purpose, allowed, string_to_array(reasons, ','), next_allowed_at, policy_version, stage, outbox_id
      from unnest(${col((r) => r.decided_at)}::timestamptz[], ${col((r) => r.debtor_id)}::uuid[], ${col((r) => r.account_id)}::uuid[],
                  ${col((r) => r.contact_id)}::uuid[], ${col((r) => r.channel)}::text[], ${col((r) => r.purpose)}::text[],
                  ${col((r) => r.allowed)}::boolean[], ${col((r) => r.reasons.join(','))}::text[], ${col((r) => r.next_allowed_at)}::timestamptz[],
                  ${col((r) => r.policy_version)}::int[], ${col((r) => r.stage)}::text[], ${col((r) => r.outbox_id)}::uuid[])
        as t(decided_at, debtor_id, account_id, contact_id, channel, purpose, allowed, reasons, next_allowed_at, policy_version, stage, outbox_id)`.execute(db);
  }
}
