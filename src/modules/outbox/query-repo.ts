import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { ListDecisionsQuery, ListOutboxQuery } from './schema.ts';

/**
 * Outbox rows newest first, keyset on (created_at, id). The cursor is the last row's id and its
 * created_at is read back in SQL: a JS Date would drop the microseconds and skip rows.
 */
export async function listOutbox(db: Kysely<Database>, q: ListOutboxQuery, afterId: string | null) {
  let query = db.selectFrom('outbox_messages').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(q.limit + 1);
  if (q.status) query = query.where('status', '=', q.status);
  if (q.channel) query = query.where('channel', '=', q.channel);
  if (q.debtor) query = query.where('debtor_id', '=', q.debtor);
  if (q.review) query = query.where('review_state', '=', q.review);
  if (afterId) {
    query = query.where(sql<boolean>`(created_at, id) < (select c.created_at, c.id from outbox_messages c where c.id = ${afterId})`);
  }
  return query.execute();
}

/** Decisions newest first, keyset on id. */
export async function listDecisions(db: Kysely<Database>, q: ListDecisionsQuery, afterId: bigint | null) {
  let query = db.selectFrom('contact_decisions').selectAll().orderBy('id', 'desc').limit(q.limit + 1);
  if (q.debtor) query = query.where('debtor_id', '=', q.debtor);
  if (q.outbox_id) query = query.where('outbox_id', '=', q.outbox_id);
  if (q.stage) query = query.where('stage', '=', q.stage);
  if (q.allowed) query = query.where('allowed', '=', q.allowed === 'true');
  if (afterId !== null) query = query.where('id', '<', afterId);
  return query.execute();
}
