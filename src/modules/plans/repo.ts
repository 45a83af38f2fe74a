import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { PlanStatus } from '../../db/schema-gateways.ts';
import { isScopedToAssignments } from '../../domain/permissions.ts';
import type { Principal } from '../../lib/route-access.ts';
import { assignedToPrincipal } from '../portfolio/index.ts';

type Db = Kysely<Database>;

/** The account, if the principal may see it (agents: assigned to them or their team); `lock` takes the row lock. */
export async function findAccount(db: Db, principal: Principal | null, accountId: string, lock = false) {
  let qb = db
    .selectFrom('accounts')
    .innerJoin('debtors', 'debtors.id', 'accounts.debtor_id')
    .select(['accounts.id', 'accounts.account_no', 'accounts.debtor_id', 'accounts.outstanding_idr', 'accounts.status', 'debtors.timezone'])
    .where('accounts.id', '=', accountId);
  if (principal && isScopedToAssignments(principal.role)) {
    qb = qb.where(assignedToPrincipal('accounts.id', principal));
  }
  return (lock ? qb.forUpdate('accounts') : qb).executeTakeFirst();
}

export type PlanRow = Awaited<ReturnType<typeof getPlan>> & object;

export function getPlan(db: Db, id: string, lock = false) {
  const qb = db.selectFrom('payment_plans').selectAll().where('id', '=', id);
  return (lock ? qb.forUpdate() : qb).executeTakeFirst();
}

export function listPlans(db: Db, accountId: string) {
  return db.selectFrom('payment_plans').selectAll().where('account_id', '=', accountId).orderBy('proposed_at', 'desc').orderBy('id').limit(100).execute();
}

export function instalmentsOf(db: Db, planIds: readonly string[]) {
  if (planIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('payment_plan_instalments').selectAll().where('plan_id', 'in', planIds).orderBy('plan_id').orderBy('seq').execute();
}

export function setPlanStatus(db: Db, id: string, status: PlanStatus, extra: Partial<{ decided_by: string | null; decided_at: Date; decision_reason: string; breached_at: Date; completed_at: Date }> = {}) {
  return db.updateTable('payment_plans').set({ status, ...extra }).where('id', '=', id).execute();
}

/** The plan currently in force for an account (at most one, by a partial unique index). */
export function approvedPlanOf(db: Db, accountId: string) {
  return db.selectFrom('payment_plans').selectAll().where('account_id', '=', accountId).where('status', '=', 'approved').forUpdate().executeTakeFirst();
}

/**
 * Replaces the account's forward schedule with the plan's instalments, keeping history:
 * every current row is copied to the archive; rows with nothing paid are removed; a partly paid row
 * keeps only what was paid (so past allocations still point at a real row); the plan's instalments
 * follow as new rows tagged with the plan id.
 */
export async function replaceForwardSchedule(db: Db, accountId: string, planId: string, instalments: readonly { seq: number; due_date: string; amount_idr: bigint }[], now: Date): Promise<void> {
  await sql`
    insert into account_schedule_archive (account_id, replaced_by_plan_id, seq, due_date, principal_due, interest_due, fee_due, penalty_due,
      principal_paid, interest_paid, fee_paid, penalty_paid, plan_id, archived_at)
    select account_id, ${planId}, seq, due_date, principal_due, interest_due, fee_due, penalty_due,
      principal_paid, interest_paid, fee_paid, penalty_paid, plan_id, ${now}
    from account_schedule where account_id = ${accountId}`.execute(db);
  await db
    .deleteFrom('account_schedule')
    .where('account_id', '=', accountId)
    .where(sql<boolean>`principal_paid + interest_paid + fee_paid + penalty_paid = 0`)
    .execute();
  await db
    .updateTable('account_schedule')
    .set((eb) => ({ principal_due: eb.ref('principal_paid'), interest_due: eb.ref('interest_paid'), fee_due: eb.ref('fee_paid'), penalty_due: eb.ref('penalty_paid') }))
    .where('account_id', '=', accountId)
    .execute();
  const max = await db.selectFrom('account_schedule').select((eb) => eb.fn.max('seq').as('m')).where('account_id', '=', accountId).executeTakeFirst();
  const base = Number(max?.m ?? 0);
  if (instalments.length > 0) {
    await db
      .insertInto('account_schedule')
      .values(instalments.map((i) => ({ account_id: accountId, seq: base + i.seq, due_date: i.due_date, principal_due: i.amount_idr, interest_due: 0n, fee_due: 0n, penalty_due: 0n, plan_id: planId })))
      .execute();
  }
}

/** A plan's rows in the live schedule, as due and paid. */
export function planScheduleRows(db: Db, planId: string) {
  return db
    .selectFrom('account_schedule')
    .select(['seq', 'due_date', sql<bigint>`principal_due + interest_due + fee_due + penalty_due`.as('due'), sql<bigint>`principal_paid + interest_paid + fee_paid + penalty_paid`.as('paid')])
    .where('plan_id', '=', planId)
    .orderBy('seq')
    .execute();
}

/** Approved plans after `afterId`, in id order: the daily batch's keyset page. */
export function approvedPlansPage(db: Db, afterId: string | null, limit: number) {
  let qb = db.selectFrom('payment_plans').select(['id', 'account_id', 'kind']).where('status', '=', 'approved');
  if (afterId) qb = qb.where('id', '>', afterId);
  return qb.orderBy('id').limit(limit).execute();
}

/** The latest plan approved for the account strictly after `since` (whatever its status now), if any. */
export function planApprovedAfterRow(db: Db, accountId: string, since: Date) {
  return db
    .selectFrom('payment_plans')
    .select(['id', 'decided_at'])
    .where('account_id', '=', accountId)
    .where('status', 'in', ['approved', 'completed', 'breached', 'superseded'])
    .where('decided_at', '>', since)
    .orderBy('decided_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}
