import type { Kysely } from 'kysely';
import { keyList } from '../../db/key-list.ts';
import type { AppDeps } from '../../app-deps.ts';
import type { Database } from '../../db/schema.ts';
import type { PlanKind, PlanSource } from '../../db/schema-gateways.ts';
import { localDateOf } from '../../domain/dates.ts';
import { rupiah, type Rupiah } from '../../domain/money.ts';
import type { Role } from '../../domain/permissions.ts';
import { generateSchedule, mayApprove, planStanding, requiredApprover, validateProposal } from '../../domain/plans/index.ts';
import { AppError } from '../../lib/app-error.ts';
import type { Principal } from '../../lib/route-access.ts';
import { audit, SYSTEM_ACTOR, type Actor } from '../audit/index.ts';
import { actorOf } from '../auth/index.ts';
import type { PlanPolicy } from './policy.ts';
import * as repo from './repo.ts';
import type { PlanOut } from './schema.ts';

export interface ProposePlanInput {
  readonly kind: PlanKind;
  readonly source: PlanSource;
  readonly discount: Rupiah;
  readonly instalments: number;
  /** Omitted for a settlement (the whole discounted total). */
  readonly firstPayment?: Rupiah | undefined;
  readonly firstDueDate: string;
  readonly note?: string | undefined;
}

type PlanRow = NonNullable<Awaited<ReturnType<typeof repo.getPlan>>>;

function toOut(p: PlanRow, schedule: readonly { seq: number; due_date: string; amount_idr: bigint }[]): PlanOut {
  return {
    id: p.id,
    account_id: p.account_id,
    kind: p.kind,
    source: p.source,
    status: p.status,
    outstanding_idr: p.outstanding_idr.toString(),
    discount_idr: p.discount_idr.toString(),
    total_idr: p.total_idr.toString(),
    first_payment_idr: p.first_payment_idr.toString(),
    instalments: p.instalments,
    first_due_date: p.first_due_date,
    required_role: p.required_role,
    note: p.note,
    proposed_by: p.proposed_by,
    proposed_at: p.proposed_at.toISOString(),
    decided_by: p.decided_by,
    decided_at: p.decided_at?.toISOString() ?? null,
    decision_reason: p.decision_reason,
    schedule: schedule.map((s) => ({ seq: s.seq, due_date: s.due_date, amount_idr: s.amount_idr.toString() })),
  };
}

async function withSchedules(db: Kysely<Database>, plans: PlanRow[]): Promise<PlanOut[]> {
  const rows = await repo.instalmentsOf(db, plans.map((p) => p.id));
  return plans.map((p) => toOut(p, rows.filter((r) => r.plan_id === p.id)));
}

/**
 * Records a proposal — from an agent, the debtor (portal or assistant) or a strategy — after checking it
 * against the policy on the debtor's business date. The schedule is generated now and stored with it,
 * so the approver approves exactly what the debtor was offered. `principal` null: a system caller
 * (portal, assistant, strategy) that has already established who the debtor is.
 */
export async function proposePlan(deps: AppDeps, policy: PlanPolicy, principal: Principal | null, accountId: string, input: ProposePlanInput): Promise<PlanOut> {
  const now = deps.now();
  const actor: Actor = principal ? actorOf(principal) : { ...SYSTEM_ACTOR, label: `system:${input.source}` };
  return deps.db.kysely.transaction().execute(async (trx) => {
    const account = await repo.findAccount(trx, principal, accountId, true);
    if (!account) throw new AppError('TAGIH_NOT_FOUND', `account ${accountId} not found`);
    if (account.status !== 'active' && account.status !== 'restructured') throw new AppError('TAGIH_CONFLICT', `account ${account.account_no} is ${account.status}; plans are for open accounts`);
    const outstanding = rupiah(account.outstanding_idr);
    const total = rupiah(outstanding - input.discount);
    const firstPayment = input.kind === 'settlement' ? (input.firstPayment ?? total) : input.firstPayment;
    if (firstPayment === undefined) throw new AppError('TAGIH_VALIDATION', 'first_payment_idr is required for a restructure', [{ field: 'first_payment', message: 'required' }]);
    const asOf = localDateOf(now, account.timezone);
    const proposal = { kind: input.kind, outstanding, discount: input.discount, instalments: input.instalments, firstPayment, firstDueDate: input.firstDueDate };
    const violations = validateProposal(proposal, policy.constraints, asOf);
    if (violations.length > 0) throw new AppError('TAGIH_VALIDATION', `plan breaks ${violations.length} rule(s): ${violations.map((v) => v.message).join('; ')}`, violations);
    const schedule = generateSchedule({ total, firstPayment, instalments: input.instalments, firstDueDate: input.firstDueDate });
    const requiredRole = requiredApprover(input.discount, outstanding, policy.approvalLimits);
    const plan = await trx
      .insertInto('payment_plans')
      .values({
        account_id: accountId,
        kind: input.kind,
        source: input.source,
        outstanding_idr: outstanding,
        discount_idr: input.discount,
        total_idr: total,
        first_payment_idr: firstPayment,
        instalments: input.instalments,
        first_due_date: input.firstDueDate,
        required_role: requiredRole === 'agent' || requiredRole === 'supervisor' ? requiredRole : 'admin',
        note: input.note ?? null,
        proposed_by: principal?.userId ?? null,
        proposed_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx.insertInto('payment_plan_instalments').values(schedule.map((s) => ({ plan_id: plan.id, seq: s.seq, due_date: s.dueDate, amount_idr: s.amount }))).execute();
    await audit(trx, {
      actor,
      action: 'plan.proposed',
      entityType: 'account',
      entityId: accountId,
      details: { plan_id: plan.id, kind: input.kind, source: input.source, discount_idr: input.discount.toString(), total_idr: total.toString(), instalments: input.instalments, required_role: requiredRole },
      at: now,
    });
    return toOut(plan, schedule.map((s) => ({ seq: s.seq, due_date: s.dueDate, amount_idr: s.amount })));
  });
}

async function decidable(trx: Kysely<Database>, principal: Principal, policy: PlanPolicy, planId: string) {
  const plan = await repo.getPlan(trx, planId, true);
  if (!plan || !(await repo.findAccount(trx, principal, plan.account_id))) throw new AppError('TAGIH_NOT_FOUND', `plan ${planId} not found`);
  if (plan.status !== 'proposed') throw new AppError('TAGIH_CONFLICT', `plan ${planId} is already ${plan.status}`);
  if (!mayApprove(principal.role as Role, rupiah(plan.discount_idr), rupiah(plan.outstanding_idr), policy.approvalLimits)) {
    throw new AppError('TAGIH_FORBIDDEN', `a discount of ${plan.discount_idr} on ${plan.outstanding_idr} needs a ${plan.required_role} to decide`);
  }
  return plan;
}

/**
 * Approves a proposal within the approver's role limit. In one transaction: the account row is locked;
 * if its balance moved since the proposal the plan no longer adds up and must be proposed again; the
 * plan in force (if any) is superseded; the forward schedule is archived and replaced by the plan's
 * instalments; a restructure marks the account restructured; and the decision is audited.
 */
export async function approvePlan(deps: AppDeps, policy: PlanPolicy, principal: Principal, planId: string, reason: string): Promise<PlanOut> {
  const now = deps.now();
  return deps.db.kysely.transaction().execute(async (trx) => {
    const pre = await repo.getPlan(trx, planId);
    if (!pre) throw new AppError('TAGIH_NOT_FOUND', `plan ${planId} not found`);
    // Lock order everywhere: account, then plan (the booking flow also locks the account first).
    const account = await repo.findAccount(trx, principal, pre.account_id, true);
    if (!account) throw new AppError('TAGIH_NOT_FOUND', `plan ${planId} not found`);
    const plan = await decidable(trx, principal, policy, planId);
    if (account.outstanding_idr !== plan.outstanding_idr) {
      throw new AppError('TAGIH_CONFLICT', `the balance changed from ${plan.outstanding_idr} to ${account.outstanding_idr} since the proposal; propose the plan again`);
    }
    const current = await repo.approvedPlanOf(trx, plan.account_id);
    if (current) await repo.setPlanStatus(trx, current.id, 'superseded');
    const instalments = await repo.instalmentsOf(trx, [plan.id]);
    await repo.replaceForwardSchedule(trx, plan.account_id, plan.id, instalments, now);
    await trx
      .updateTable('accounts')
      .set({ oldest_unpaid_due_date: plan.first_due_date, updated_at: now, ...(plan.kind === 'restructure' ? { status: 'restructured' as const } : {}) })
      .where('id', '=', plan.account_id)
      .execute();
    await repo.setPlanStatus(trx, plan.id, 'approved', { decided_by: principal.userId, decided_at: now, decision_reason: reason });
    await audit(trx, {
      actor: actorOf(principal),
      action: 'plan.approved',
      entityType: 'account',
      entityId: plan.account_id,
      reason,
      details: { plan_id: plan.id, kind: plan.kind, discount_idr: plan.discount_idr.toString(), superseded_plan_id: current?.id ?? null, approver_role: principal.role },
      at: now,
    });
    const updated = (await repo.getPlan(trx, plan.id))!;
    return toOut(updated, instalments);
  });
}

/** Rejects a proposal; deciding either way needs the same authority. */
export async function rejectPlan(deps: AppDeps, policy: PlanPolicy, principal: Principal, planId: string, reason: string): Promise<PlanOut> {
  const now = deps.now();
  return deps.db.kysely.transaction().execute(async (trx) => {
    const plan = await decidable(trx, principal, policy, planId);
    await repo.setPlanStatus(trx, plan.id, 'rejected', { decided_by: principal.userId, decided_at: now, decision_reason: reason });
    await audit(trx, { actor: actorOf(principal), action: 'plan.rejected', entityType: 'account', entityId: plan.account_id, reason, details: { plan_id: plan.id, approver_role: principal.role }, at: now });
    return (await withSchedules(trx, [(await repo.getPlan(trx, plan.id))!]))[0]!;
  });
}

export async function listPlans(deps: AppDeps, principal: Principal, accountId: string): Promise<{ items: PlanOut[] }> {
  if (!(await repo.findAccount(deps.db.kysely, principal, accountId))) throw new AppError('TAGIH_NOT_FOUND', `account ${accountId} not found`);
  return { items: await withSchedules(deps.db.kysely, await repo.listPlans(deps.db.kysely, accountId)) };
}

export async function getPlan(deps: AppDeps, principal: Principal, planId: string): Promise<PlanOut> {
  const plan = await repo.getPlan(deps.db.kysely, planId);
  if (!plan || !(await repo.findAccount(deps.db.kysely, principal, plan.account_id))) throw new AppError('TAGIH_NOT_FOUND', `plan ${planId} not found`);
  return (await withSchedules(deps.db.kysely, [plan]))[0]!;
}

/**
 * After money is booked to an account (same transaction): when the plan in force is fully paid it is
 * completed, and a settlement closes the account — the agreed discount is written off, the account is
 * `settled`, and its open case is closed. Returns what happened, for the caller's log.
 */
/** Which of these accounts have an approved plan (their payments need plan progress after each booking). */
export async function accountsWithApprovedPlan(trx: Kysely<Database>, accountIds: readonly string[]): Promise<Set<string>> {
  if (accountIds.length === 0) return new Set();
  const rows = await trx
    .selectFrom(keyList(accountIds, 'uuid'))
    .innerJoinLateral(
      (eb) => eb.selectFrom('payment_plans').select('payment_plans.account_id').whereRef('payment_plans.account_id', '=', 'k.k').where('status', '=', 'approved').offset(0).as('p'),
      (j) => j.onTrue(),
    )
    .select('p.account_id')
    .execute();
  return new Set(rows.map((r) => r.account_id));
}

export async function applyPlanProgress(trx: Kysely<Database>, accountId: string, now: Date, actor: Actor): Promise<'none' | 'completed' | 'settled'> {
  const plan = await repo.approvedPlanOf(trx, accountId);
  if (!plan) return 'none';
  const rows = await repo.planScheduleRows(trx, plan.id);
  if (rows.length === 0 || rows.some((r) => r.paid < r.due)) return 'none';
  await repo.setPlanStatus(trx, plan.id, 'completed', { completed_at: now });
  if (plan.kind !== 'settlement') {
    await audit(trx, { actor, action: 'plan.completed', entityType: 'account', entityId: accountId, details: { plan_id: plan.id }, at: now });
    return 'completed';
  }
  const account = await trx.selectFrom('accounts').select(['outstanding_idr']).where('id', '=', accountId).forUpdate().executeTakeFirstOrThrow();
  await trx.updateTable('accounts').set({ outstanding_idr: 0n, status: 'settled', oldest_unpaid_due_date: null, updated_at: now }).where('id', '=', accountId).execute();
  await trx.updateTable('cases').set({ status: 'closed', closed_at: now, close_reason: 'settled' }).where('account_id', '=', accountId).where('status', '=', 'open').execute();
  await audit(trx, {
    actor,
    action: 'plan.settled',
    entityType: 'account',
    entityId: accountId,
    reason: 'settlement paid in full',
    details: { plan_id: plan.id, written_off_idr: account.outstanding_idr.toString(), agreed_discount_idr: plan.discount_idr.toString() },
    at: now,
  });
  return 'settled';
}

/**
 * Daily-batch step over every plan in force: a plan fully paid is completed (a settlement closes its account; a
 * safety net for money booked outside `bookPaymentFlow`, e.g. a direct `bookPayment` in a script); a plan whose oldest unpaid instalment is past grace is marked breached, for the strategies
 * to treat as a broken plan. Streams plans in keyset pages; each plan is its own small transaction with audit.
 */
export async function markPlanBreaches(deps: AppDeps, policy: PlanPolicy, at: Date): Promise<{ checked: number; breached: number; completed: number }> {
  let after: string | null = null;
  let checked = 0;
  let breached = 0;
  let completed = 0;
  for (;;) {
    const page = await repo.approvedPlansPage(deps.db.kysely, after, 500);
    if (page.length === 0) break;
    for (const p of page) {
      checked++;
      const hit = await deps.db.kysely.transaction().execute(async (trx) => {
        const account = await repo.findAccount(trx, null, p.account_id, true);
        const plan = await repo.getPlan(trx, p.id, true);
        if (!account || plan?.status !== 'approved') return false;
        if ((await applyPlanProgress(trx, p.account_id, at, SYSTEM_ACTOR)) !== 'none') return 'completed' as const;
        const rows = await repo.planScheduleRows(trx, p.id);
        const standing = planStanding(rows.map((r) => ({ seq: r.seq, dueDate: r.due_date, due: rupiah(r.due), paid: rupiah(r.paid) })), localDateOf(at, account.timezone), policy.graceDays);
        if (standing.status !== 'breached') return false;
        await repo.setPlanStatus(trx, p.id, 'breached', { breached_at: at });
        await audit(trx, { actor: SYSTEM_ACTOR, action: 'plan.breached', entityType: 'account', entityId: p.account_id, details: { plan_id: p.id, seq: standing.seq, due_date: standing.dueDate, shortfall_idr: standing.shortfall.toString(), days_late: standing.daysLate }, at });
        return true;
      });
      if (hit === true) breached++;
      if (hit === 'completed') completed++;
    }
    after = page[page.length - 1]!.id;
  }
  return { checked, breached, completed };
}

/**
 * The latest plan approved for an account after `since` — the approval replaced the schedule, so money received
 * before it cannot be reversed by the payments module alone (the reversal flow refuses it).
 */
export async function planApprovedAfter(db: Kysely<Database>, accountId: string, since: Date): Promise<{ id: string; decidedAt: Date } | null> {
  const row = await repo.planApprovedAfterRow(db, accountId, since);
  return row && row.decided_at ? { id: row.id, decidedAt: row.decided_at } : null;
}
