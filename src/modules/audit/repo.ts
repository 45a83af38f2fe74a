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
