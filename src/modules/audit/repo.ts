import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { canonicalJson } from '../../lib/canonical-json.ts';
import { chainHash, GENESIS_HASH, type AuditContent } from './hash-chain.ts';

const AUDIT_LOCK_KEY = 7415563;

/** Appends one audit row. Must run inside a transaction: the advisory lock serialises writers so the chain never forks. */
export async function insertAuditRow(trx: Kysely<Database>, content: AuditContent): Promise<void> {
  await sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`.execute(trx);
  const last = await trx.selectFrom('audit_log').select('hash').orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const prevHash = last?.hash ?? GENESIS_HASH;
  // Stored at millisecond precision so the hashed ISO string equals what comes back.
  const occurredAt = new Date(Math.floor(content.occurredAt.getTime()));
  const row = { ...content, occurredAt };
  await trx
    .insertInto('audit_log')
    .values({
      occurred_at: occurredAt,
      actor_id: row.actorId,
      actor_label: row.actorLabel,
      action: row.action,
      entity_type: row.entityType,
      entity_id: row.entityId,
      reason: row.reason,
      details: canonicalJson(row.details),
      prev_hash: prevHash,
      hash: chainHash(prevHash, row),
    })
    .execute();
}

/**
 * Appends several audit rows in order with one lock and one insert (a batch of bookings): the chain is computed in
 * memory from the last row's hash, exactly as `insertAuditRow` would one row at a time.
 */
export async function insertAuditRows(trx: Kysely<Database>, contents: readonly AuditContent[]): Promise<void> {
  if (contents.length === 0) return;
  await sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`.execute(trx);
  const last = await trx.selectFrom('audit_log').select('hash').orderBy('seq', 'desc').limit(1).executeTakeFirst();
  let prevHash = last?.hash ?? GENESIS_HASH;
  const cols = { at: [] as string[], actorId: [] as (string | null)[], actorLabel: [] as string[], action: [] as string[], entityType: [] as string[], entityId: [] as (string | null)[], reason: [] as (string | null)[], details: [] as string[], prev: [] as string[], hash: [] as string[] };
  for (const content of contents) {
    const occurredAt = new Date(Math.floor(content.occurredAt.getTime()));
    const row = { ...content, occurredAt };
    const hash = chainHash(prevHash, row);
    cols.at.push(occurredAt.toISOString());
    cols.actorId.push(row.actorId);
    cols.actorLabel.push(row.actorLabel);
    cols.action.push(row.action);
    cols.entityType.push(row.entityType);
    cols.entityId.push(row.entityId);
    cols.reason.push(row.reason);
    cols.details.push(canonicalJson(row.details));
    cols.prev.push(prevHash);
    cols.hash.push(hash);
    prevHash = hash;
  }
  // `with ordinality` keeps the input order, so `seq` (an identity) follows the chain.
  await sql`
    insert into audit_log (occurred_at, actor_id, actor_label, action, entity_type, entity_id, reason, details, prev_hash, hash)
    select r.at, r.actor_id, r.actor_label, r.action, r.entity_type, r.entity_id, r.reason, r.details::jsonb, r.prev, r.hash
      from unnest(${cols.at}::timestamptz[], ${cols.actorId}::uuid[], ${cols.actorLabel}::text[], ${cols.action}::text[], ${cols.entityType}::text[],
                  ${cols.entityId}::text[], ${cols.reason}::text[], ${cols.details}::text[], ${cols.prev}::text[], ${cols.hash}::text[])
           with ordinality as r(at, actor_id, actor_label, action, entity_type, entity_id, reason, details, prev, hash, n)
     order by r.n`.execute(trx);
}

/** Reads the chain in order, a page at a time, so verification never holds the whole log in memory. */
export async function* streamAuditRows(db: Kysely<Database>, pageSize = 5000) {
  let after = 0n;
  for (;;) {
    const page = await db.selectFrom('audit_log').selectAll().where('seq', '>', after).orderBy('seq').limit(pageSize).execute();
    if (page.length === 0) return;
    yield* page;
    after = page[page.length - 1]!.seq;
  }
}
