import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import type { AssignmentConditions, AssignmentRule } from '../../../domain/assignment-rules.ts';

export async function closeCurrentAssignment(trx: Kysely<Database>, accountId: string, at: Date) {
  return trx.updateTable('assignments').set({ unassigned_at: at }).where('account_id', '=', accountId).where('unassigned_at', 'is', null).returning(['user_id', 'team_id']).executeTakeFirst();
}

export async function insertAssignment(trx: Kysely<Database>, a: { accountId: string; userId: string | null; teamId: string | null; by: string | null; at: Date; reason: string }) {
  await trx.insertInto('assignments').values({ account_id: a.accountId, user_id: a.userId, team_id: a.teamId, assigned_by: a.by, assigned_at: a.at, reason: a.reason }).execute();
}

/** One open case per account (partial unique index); an existing open case is kept as it is. */
export async function ensureOpenCase(trx: Kysely<Database>, c: { accountId: string; debtorId: string; queue: string; at: Date }) {
  await trx
    .insertInto('cases')
    .values({ account_id: c.accountId, debtor_id: c.debtorId, queue: c.queue, opened_at: c.at })
    .onConflict((oc) => oc.column('account_id').where('status', '=', 'open').doNothing())
    .execute();
}

/** Open (not in-progress) items follow the account; an item someone is working stays with them until done. */
export async function moveOpenWorkItems(trx: Kysely<Database>, accountId: string, userId: string | null, teamId: string | null): Promise<number> {
  const res = await trx.updateTable('work_items').set({ assigned_user_id: userId, team_id: teamId }).where('account_id', '=', accountId).where('status', '=', 'open').executeTakeFirst();
  return Number(res.numUpdatedRows);
}

export type StoredRule = AssignmentRule & { readonly name: string; readonly agentRole: 'agent' | 'field_agent' };

export async function activeRules(db: Kysely<Database>): Promise<StoredRule[]> {
  const rows = await db.selectFrom('assignment_rules').selectAll().where('active', '=', true).orderBy('position').orderBy('id').execute();
  return rows.map(toRule);
}

export function toRule(r: { id: string; name: string; position: number; conditions: unknown; team_id: string; queue: string; mode: 'least_loaded' | 'team_pool'; agent_role: 'agent' | 'field_agent' }): StoredRule {
  const conditions = (typeof r.conditions === 'string' ? JSON.parse(r.conditions) : r.conditions) as AssignmentConditions;
  return { id: r.id, name: r.name, position: r.position, conditions, teamId: r.team_id, queue: r.queue, mode: r.mode, agentRole: r.agent_role };
}

/** Current open assignments per active agent of a team (agents with none count as 0). */
export async function agentLoads(db: Kysely<Database>, teamId: string, role: 'agent' | 'field_agent'): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('users as u')
    .leftJoin('assignments as a', (j) => j.onRef('a.user_id', '=', 'u.id').on('a.unassigned_at', 'is', null))
    .select(['u.id', (eb) => eb.fn.count<string>('a.id').as('load')])
    .where('u.team_id', '=', teamId)
    .where('u.role', '=', role)
    .where('u.disabled_at', 'is', null)
    .groupBy('u.id')
    .execute();
  return new Map(rows.map((r) => [r.id, Number(r.load)]));
}

/** Active accounts with no current assignment, keyset by id. */
export async function unassignedAccounts(db: Kysely<Database>, after: string | null, limit: number) {
  let qb = db
    .selectFrom('accounts as acc')
    .innerJoin('debtors as d', 'd.id', 'acc.debtor_id')
    .innerJoin('creditors as c', 'c.id', 'acc.creditor_id')
    .select(['acc.id', 'acc.bucket', 'acc.dpd', 'acc.product', 'd.timezone', 'd.province_code', 'c.code as creditor_code'])
    .where('acc.status', '=', 'active')
    .where(sql<boolean>`not exists (select 1 from assignments x where x.account_id = acc.id and x.unassigned_at is null)`);
  if (after) qb = qb.where('acc.id', '>', after);
  return qb.orderBy('acc.id').limit(limit).execute();
}
