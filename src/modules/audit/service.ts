import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { chainHash, GENESIS_HASH } from './hash-chain.ts';
import { insertAuditRow, insertAuditRows, streamAuditRows } from './repo.ts';

/** Who did something: a signed-in user, or the system (batch, CLI, webhook). */
export interface Actor {
  readonly id: string | null;
  readonly label: string;
}

export const SYSTEM_ACTOR: Actor = { id: null, label: 'system' };

export interface AuditEntry {
  readonly actor: Actor;
  readonly action: string;
  readonly entityType: string;
  readonly entityId?: string | null;
  readonly reason?: string | null;
  readonly details?: Record<string, unknown>;
  readonly at?: Date;
}

/** The row content an entry becomes (defaults filled in). */
function contentOf(entry: AuditEntry) {
  return {
    occurredAt: entry.at ?? new Date(),
    actorId: entry.actor.id,
    actorLabel: entry.actor.label,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    reason: entry.reason ?? null,
    details: entry.details ?? {},
  };
}

/**
 * Records who did what, when and why. Pass the transaction that makes the change,
 * so the change and its audit row commit or roll back together.
 */
export async function audit(db: Kysely<Database>, entry: AuditEntry): Promise<void> {
  const content = contentOf(entry);
  if (db.isTransaction) return insertAuditRow(db, content);
  return db.transaction().execute((trx) => insertAuditRow(trx, content));
}

/** Records several entries in order, in the caller's transaction, with one lock and one insert (batch bookings). */
export async function auditMany(trx: Kysely<Database>, entries: readonly AuditEntry[]): Promise<void> {
  if (!trx.isTransaction) throw new Error('auditMany must run inside the transaction that makes the changes');
  await insertAuditRows(
    trx,
    entries.map(contentOf),
  );
}

export type AuditVerification =
  | { ok: true; rows: number; lastHash: string }
  | { ok: false; rows: number; brokenAtSeq: string; reason: 'hash_mismatch' | 'prev_hash_mismatch' };

/**
 * Walks the chain from the start and reports the first broken link:
 * an edited row fails its own hash; a deleted row makes the next row's prev_hash mismatch.
 * `seq` gaps are not evidence (a rolled-back transaction consumes identity values), so they are not checked.
 */
export async function verifyAuditChain(db: Kysely<Database>): Promise<AuditVerification> {
  let prev = GENESIS_HASH;
  let rows = 0;
  for await (const r of streamAuditRows(db)) {
    if (r.prev_hash !== prev) return { ok: false, rows, brokenAtSeq: String(r.seq), reason: 'prev_hash_mismatch' };
    const recomputed = chainHash(prev, {
      occurredAt: r.occurred_at,
      actorId: r.actor_id,
      actorLabel: r.actor_label,
      action: r.action,
      entityType: r.entity_type,
      entityId: r.entity_id,
      reason: r.reason,
      details: (r.details ?? {}) as Record<string, unknown>,
    });
    if (recomputed !== r.hash) return { ok: false, rows, brokenAtSeq: String(r.seq), reason: 'hash_mismatch' };
    prev = r.hash;
    rows++;
  }
  return { ok: true, rows, lastHash: prev };
}
