import { sql, type Insertable, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import type { WorkItemKind } from '../../../db/schema-collection.ts';

/** Open work items with what the priority and the agent's screen need: account, debtor zone, holds, pending promise. */
export function workItemsWithFacts(db: Kysely<Database>) {
  return db
    .selectFrom('work_items as wi')
    .innerJoin('debtors as d', 'd.id', 'wi.debtor_id')
    .leftJoin('accounts as a', 'a.id', 'wi.account_id')
    .leftJoin('promises_to_pay as p', (j) => j.onRef('p.account_id', '=', 'wi.account_id').on('p.status', '=', 'pending'))
    .select([
      'wi.id',
      'wi.kind',
      'wi.status',
      'wi.account_id',
      'wi.debtor_id',
      'wi.queue',
      'wi.priority',
      'wi.due_at',
      'wi.assigned_user_id',
      'wi.team_id',
      'wi.notes',
      'wi.created_at',
      'wi.started_at',
      'a.account_no',
      'a.dpd',
      'a.bucket',
      'a.outstanding_idr',
      'd.full_name as debtor_name',
      'd.timezone',
      'p.promised_date as ptp_date',
      sql<boolean>`exists (select 1 from disputes x where x.debtor_id = wi.debtor_id and x.status = 'open' and x.kind = 'dispute')`.as('open_dispute'),
      sql<boolean>`exists (select 1 from disputes x where x.debtor_id = wi.debtor_id and x.status = 'open' and x.kind = 'complaint')`.as('open_complaint'),
    ])
    .where('wi.status', 'in', ['open', 'in_progress']);
}
export type WorkItemFactsQuery = ReturnType<typeof workItemsWithFacts>;

/** Open or in-progress work item ids, the first step of every list. */
export function openItemIds(db: Kysely<Database>) {
  return db.selectFrom('work_items as wi').select('wi.id').where('wi.status', 'in', ['open', 'in_progress']);
}
export type WorkItemIdsQuery = ReturnType<typeof openItemIds>;
export type WorkItemFacts = Awaited<ReturnType<WorkItemFactsQuery['execute']>>[number];

/**
 * Items an agent may work: assigned to them, or unassigned in their team's pool. Items created without routing
 * (the daily batch and the dispatcher's call tasks leave both columns null) follow the account's current
 * assignment: the assigned agent, or the team when the account sits in the team pool.
 */
export function visibleToAgent<QB extends SelectQueryBuilder<Database & { wi: Database['work_items'] }, 'wi', object>>(qb: QB, userId: string, teamId: string | null): QB {
  const poolOfAccount = teamId ? sql` or (sa.user_id is null and sa.team_id = ${teamId})` : sql``;
  const unrouted = sql<boolean>`(wi.assigned_user_id is null and wi.team_id is null and exists (select 1 from assignments sa where sa.account_id = wi.account_id and sa.unassigned_at is null and (sa.user_id = ${userId}${poolOfAccount})))`;
  return qb.where((eb) => eb.or([eb('wi.assigned_user_id', '=', userId), ...(teamId ? [eb.and([eb('wi.assigned_user_id', 'is', null), eb('wi.team_id', '=', teamId)])] : []), unrouted])) as QB;
}

/** Items of a team: routed to it, or unrouted on an account the team works. */
export function ofTeam<QB extends SelectQueryBuilder<Database & { wi: Database['work_items'] }, 'wi', object>>(qb: QB, teamId: string): QB {
  return qb.where((eb) =>
    eb.or([
      eb('wi.team_id', '=', teamId),
      sql<boolean>`(wi.team_id is null and wi.assigned_user_id is null and exists (select 1 from assignments sa where sa.account_id = wi.account_id and sa.unassigned_at is null and sa.team_id = ${teamId}))`,
    ]),
  ) as QB;
}

/** Claimable items for one agent, best stored priority first (not locked: the caller locks one at a time). */
export async function claimCandidates(db: Kysely<Database>, opts: { userId: string; teamId: string | null; kinds: readonly WorkItemKind[]; now: Date; limit: number }) {
  const ids = visibleToAgent(openItemIds(db).where('wi.status', '=', 'open').where('wi.kind', 'in', [...opts.kinds]).where('wi.due_at', '<=', opts.now), opts.userId, opts.teamId);
  return factsOfTop(db, ids, opts.limit);
}

/**
 * Two steps, so only one page is joined: the ids of the best `limit` items by stored priority (an index walk on
 * work_items_priority_idx that stops early), then their facts.
 */
export async function factsOfTop(db: Kysely<Database>, ids: WorkItemIdsQuery, limit: number) {
  const top = await ids.orderBy('wi.priority', 'desc').orderBy('wi.due_at').orderBy('wi.id').limit(limit).execute();
  if (top.length === 0) return [];
  return workItemsWithFacts(db).where('wi.id', 'in', top.map((r) => r.id)).execute();
}

/**
 * Tries to lock one item that is still open: `FOR UPDATE SKIP LOCKED` returns nothing when another agent holds
 * it or has already claimed it, so concurrent claimers move on to their next candidate instead of waiting.
 */
export async function tryLockOpen(trx: Kysely<Database>, id: string): Promise<boolean> {
  const row = await trx.selectFrom('work_items').select('id').where('id', '=', id).where('status', '=', 'open').forUpdate().skipLocked().executeTakeFirst();
  return row !== undefined;
}

export async function markClaimed(trx: Kysely<Database>, id: string, userId: string, now: Date) {
  await trx.updateTable('work_items').set({ status: 'in_progress', assigned_user_id: userId, started_at: now }).where('id', '=', id).execute();
}

export async function insertWorkItem(trx: Kysely<Database>, row: Insertable<Database['work_items']>) {
  return trx
    .insertInto('work_items')
    .values(row)
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .returning('id')
    .executeTakeFirst();
}

/** The account's current assignment (who works it), for routing a new work item. */
export async function currentAssignment(db: Kysely<Database>, accountId: string) {
  return db.selectFrom('assignments').select(['user_id', 'team_id']).where('account_id', '=', accountId).where('unassigned_at', 'is', null).executeTakeFirst();
}
