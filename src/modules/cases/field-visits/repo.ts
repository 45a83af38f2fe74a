import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../../db/schema.ts';

export type VisitRow = Selectable<Database['field_visits']>;

export async function findVisit(db: Kysely<Database>, id: string, lock = false) {
  const qb = db.selectFrom('field_visits as v').innerJoin('debtors as d', 'd.id', 'v.debtor_id').selectAll('v').select('d.timezone').where('v.id', '=', id);
  return (lock ? qb.forUpdate('v') : qb).executeTakeFirst();
}

export async function photosOf(db: Kysely<Database>, visitIds: readonly string[]) {
  if (visitIds.length === 0) return [];
  return db.selectFrom('field_visit_photos').select(['id', 'visit_id', 'content_type', 'size_bytes', 'sha256', 'uploaded_at']).where('visit_id', 'in', [...visitIds]).orderBy('uploaded_at').execute();
}

export async function openVisitsOf(db: Kysely<Database>, agentId: string) {
  return db.selectFrom('field_visits').selectAll().where('field_agent_id', '=', agentId).where('status', 'in', ['assigned', 'checked_in']).orderBy('scheduled_for').orderBy('id').limit(200).execute();
}

export async function recordDecision(
  db: Kysely<Database>,
  d: { at: Date; debtorId: string; accountId: string; allowed: boolean; reasons: readonly string[]; nextAllowedAt: Date | null; policyVersion: number },
) {
  await db
    .insertInto('contact_decisions')
    .values({ decided_at: d.at, debtor_id: d.debtorId, account_id: d.accountId, channel: 'field', purpose: 'collect', allowed: d.allowed, reasons: [...d.reasons], next_allowed_at: d.nextAllowedAt, policy_version: d.policyVersion, stage: 'manual' })
    .execute();
}

/**
 * The visit record of a `field_visit` work item, for the field agent who now holds it. Strategy treatments create
 * the work item alone (the dispatcher cannot know who will go); the record appears when a field agent claims the
 * item or a supervisor gives it to one. A visit still only `assigned` moves to the new agent; one already under way
 * stays with the agent who checked in.
 */
export async function attachVisit(
  db: Kysely<Database>,
  item: { readonly id: string; readonly accountId: string; readonly debtorId: string; readonly notes: string | null },
  agentId: string,
  scheduledFor: Date,
  by: { readonly userId: string | null; readonly at: Date },
): Promise<VisitRow> {
  const row = await db
    .insertInto('field_visits')
    .values({ work_item_id: item.id, account_id: item.accountId, debtor_id: item.debtorId, field_agent_id: agentId, scheduled_for: scheduledFor, notes: item.notes, created_by: by.userId, created_at: by.at })
    .onConflict((oc) =>
      oc
        .column('work_item_id')
        .doUpdateSet({ field_agent_id: agentId, scheduled_for: scheduledFor })
        .where('field_visits.status', '=', 'assigned'),
    )
    .returningAll()
    .executeTakeFirst();
  return row ?? (await db.selectFrom('field_visits').selectAll().where('work_item_id', '=', item.id).executeTakeFirstOrThrow());
}
