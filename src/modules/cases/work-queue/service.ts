import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import type { WorkItemKind } from '../../../db/schema-collection.ts';
import { localDateOf } from '../../../domain/dates.ts';
import { workPriority } from '../../../domain/work-priority.ts';
import { AppError } from '../../../lib/app-error.ts';
import { audit } from '../../audit/index.ts';
import type { CaseContext } from '../shared/context.ts';
import { personContactDecision, type ContactRules } from '../shared/contact-window.ts';
import { attachVisit } from '../field-visits/repo.ts';
import * as repo from './repo.ts';
import type { WorkItemFacts } from './repo.ts';

/** One line of a call list, with the live priority and whether the debtor may be contacted right now. */
export interface WorkItemView {
  readonly id: string;
  readonly kind: WorkItemKind;
  readonly status: 'open' | 'in_progress';
  readonly account_id: string | null;
  readonly account_no: string | null;
  readonly debtor_id: string;
  readonly debtor_name: string;
  readonly timezone: string;
  readonly dpd: number | null;
  readonly bucket: string | null;
  readonly outstanding_idr: string | null;
  readonly queue: string;
  readonly due_at: string;
  readonly assigned_user_id: string | null;
  readonly team_id: string | null;
  readonly notes: string | null;
  readonly priority: number;
  readonly priority_reasons: string[];
  readonly ptp_due: boolean;
  readonly contactable_now: boolean;
  readonly block_reasons: string[];
  readonly next_allowed_at: string | null;
}

/** Field visits are judged by the field window; everything else a person works is a call. */
const channelOf = (kind: WorkItemKind) => (kind === 'field_visit' ? 'field' : 'voice');

/** Evaluates one item at `now`: the contact policy decision and the pure priority. */
export function liveView(item: WorkItemFacts, rules: ContactRules, now: Date): WorkItemView {
  const decision = personContactDecision(rules, { at: now, zone: item.timezone, channel: channelOf(item.kind), openDispute: Boolean(item.open_dispute), openComplaint: Boolean(item.open_complaint) });
  const ptpDue = item.ptp_date !== null && item.ptp_date <= localDateOf(now, item.timezone);
  const priority = workPriority({
    dpd: item.dpd ?? 0,
    outstandingIdr: item.outstanding_idr ?? 0n,
    score: null,
    ptpDue,
    callbackDue: item.kind === 'callback' && item.due_at.getTime() <= now.getTime(),
    insideContactWindow: decision.allowed,
  });
  return {
    id: item.id,
    kind: item.kind,
    status: item.status === 'in_progress' ? 'in_progress' : 'open',
    account_id: item.account_id,
    account_no: item.account_no,
    debtor_id: item.debtor_id,
    debtor_name: item.debtor_name,
    timezone: item.timezone,
    dpd: item.dpd,
    bucket: item.bucket,
    outstanding_idr: item.outstanding_idr?.toString() ?? null,
    queue: item.queue,
    due_at: item.due_at.toISOString(),
    assigned_user_id: item.assigned_user_id,
    team_id: item.team_id,
    notes: item.notes,
    priority: priority.value,
    priority_reasons: [...priority.reasons],
    ptp_due: ptpDue,
    contactable_now: decision.allowed,
    block_reasons: [...decision.reasons],
    next_allowed_at: decision.nextAllowedAt?.toISOString() ?? null,
  };
}

/** Highest live priority first; equal priorities by due time, then id (stable across calls). */
export function sortQueue(views: WorkItemView[]): WorkItemView[] {
  return views.sort((a, b) => b.priority - a.priority || (a.due_at < b.due_at ? -1 : a.due_at > b.due_at ? 1 : a.id < b.id ? -1 : 1));
}

/** How many stored-priority candidates are re-ranked live; bounds the work per request. */
export const QUEUE_WINDOW = 200;
const CLAIM_CANDIDATES = 25;

/** The stored priority of a new item: the live one without the time-of-day term (the list re-ranks live). */
export function storedPriority(facts: { dpd: number; outstandingIdr: bigint; kind: WorkItemKind; ptpDue?: boolean }): number {
  return workPriority({ dpd: facts.dpd, outstandingIdr: facts.outstandingIdr, score: null, ptpDue: facts.ptpDue ?? false, callbackDue: facts.kind === 'callback', insideContactWindow: true }).value;
}

export interface NewWorkItem {
  readonly kind: WorkItemKind;
  readonly accountId: string;
  readonly dueAt: Date;
  readonly notes?: string | null;
  readonly queue?: string;
  /** Same key → same item: lets a batch or a retried request create an item once. */
  readonly idempotencyKey?: string | null;
  /** Defaults to the account's current assignment (agent, else the team pool). */
  readonly assignedUserId?: string | null;
  readonly teamId?: string | null;
}

/**
 * Creates a work item for an account inside the caller's transaction, routed to whoever works the account now,
 * with its stored priority. Returns the id, or the existing id when the idempotency key was used before.
 */
export async function createWorkItem(trx: Kysely<Database>, input: NewWorkItem, ctx: CaseContext): Promise<{ id: string; created: boolean }> {
  const account = await trx.selectFrom('accounts').select(['id', 'debtor_id', 'dpd', 'outstanding_idr']).where('id', '=', input.accountId).executeTakeFirst();
  if (!account) throw new AppError('TAGIH_NOT_FOUND', `account ${input.accountId} not found`);
  const current = await repo.currentAssignment(trx, input.accountId);
  const openCase = await trx.selectFrom('cases').select(['id', 'queue']).where('account_id', '=', input.accountId).where('status', '=', 'open').executeTakeFirst();
  const inserted = await repo.insertWorkItem(trx, {
    idempotency_key: input.idempotencyKey ?? null,
    kind: input.kind,
    account_id: account.id,
    debtor_id: account.debtor_id,
    case_id: openCase?.id ?? null,
    queue: input.queue ?? openCase?.queue ?? (input.kind === 'field_visit' ? 'field' : 'desk_l1'),
    priority: storedPriority({ dpd: account.dpd, outstandingIdr: account.outstanding_idr, kind: input.kind }),
    due_at: input.dueAt,
    assigned_user_id: input.assignedUserId !== undefined ? input.assignedUserId : (current?.user_id ?? null),
    team_id: input.teamId !== undefined ? input.teamId : (current?.team_id ?? null),
    notes: input.notes ?? null,
    created_at: ctx.now,
  });
  if (inserted) {
    await audit(trx, { actor: ctx.actor, action: 'work_item.create', entityType: 'account', entityId: account.id, details: { work_item_id: inserted.id, kind: input.kind, due_at: input.dueAt.toISOString() }, at: ctx.now });
    return { id: inserted.id, created: true };
  }
  const existing = await trx.selectFrom('work_items').select('id').where('idempotency_key', '=', input.idempotencyKey ?? '').executeTakeFirstOrThrow();
  return { id: existing.id, created: false };
}

/** Marks an item done with its outcome and the interaction that recorded it. */
export async function completeWorkItem(trx: Kysely<Database>, id: string, change: { outcome: string; interactionId: string | null }, ctx: CaseContext): Promise<void> {
  const item = await trx.selectFrom('work_items').select(['id', 'status', 'account_id']).where('id', '=', id).forUpdate().executeTakeFirst();
  if (!item) throw new AppError('TAGIH_NOT_FOUND', `work item ${id} not found`);
  if (item.status === 'done' || item.status === 'cancelled') throw new AppError('TAGIH_CONFLICT', `work item ${id} is already ${item.status}`);
  await trx.updateTable('work_items').set({ status: 'done', outcome: change.outcome, interaction_id: change.interactionId, completed_at: ctx.now }).where('id', '=', id).execute();
  await audit(trx, { actor: ctx.actor, action: 'work_item.complete', entityType: 'work_item', entityId: id, details: { outcome: change.outcome, interaction_id: change.interactionId }, at: ctx.now });
}

/** Kinds each role works from its own queue. */
export function kindsFor(role: string): readonly WorkItemKind[] {
  return role === 'field_agent' ? ['field_visit'] : ['call', 'callback', 'handoff', 'review', 'legal_review'];
}

/** Live-ranked queue from a query of candidate ids (already scoped by the caller). */
export async function rankQueue(db: Kysely<Database>, ids: repo.WorkItemIdsQuery, rules: ContactRules, now: Date, limit: number): Promise<WorkItemView[]> {
  const rows = await repo.factsOfTop(db, ids, QUEUE_WINDOW);
  return sortQueue(rows.map((r) => liveView(r, rules, now))).slice(0, limit);
}

export type ClaimResult = { readonly item: WorkItemView; readonly resumed: boolean } | { readonly item: null; readonly reason: 'queue_empty' | 'nobody_contactable_now'; readonly next_allowed_at: string | null };

/**
 * Gives the agent their next item: the one already in progress, else the best contactable open item due now.
 * Candidates are ranked live, then locked one by one with `FOR UPDATE SKIP LOCKED` (re-checking `open`), so two
 * agents never get the same item and neither waits on the other.
 */
export async function claimNext(trx: Kysely<Database>, agent: { userId: string; teamId: string | null; role: string }, rules: ContactRules, ctx: CaseContext): Promise<ClaimResult> {
  const mine = await repo.workItemsWithFacts(trx).where('wi.status', '=', 'in_progress').where('wi.assigned_user_id', '=', agent.userId).orderBy('wi.started_at').limit(1).executeTakeFirst();
  if (mine) return { item: liveView(mine, rules, ctx.now), resumed: true };
  const candidates = await repo.claimCandidates(trx, { userId: agent.userId, teamId: agent.teamId, kinds: kindsFor(agent.role), now: ctx.now, limit: CLAIM_CANDIDATES });
  if (candidates.length === 0) return { item: null, reason: 'queue_empty', next_allowed_at: null };
  const ranked = sortQueue(candidates.map((c) => liveView(c, rules, ctx.now)));
  const contactable = ranked.filter((v) => v.contactable_now);
  if (contactable.length === 0) {
    const next = ranked.map((v) => v.next_allowed_at).filter((t): t is string => t !== null).sort()[0] ?? null;
    return { item: null, reason: 'nobody_contactable_now', next_allowed_at: next };
  }
  for (const best of contactable) {
    if (!(await repo.tryLockOpen(trx, best.id))) continue;
    // Not audited: the row itself records who took it and when (assigned_user_id, started_at), and the hash-chained
    // audit log is serialised; the outcome that completes the item is audited.
    await repo.markClaimed(trx, best.id, agent.userId, ctx.now);
    if (best.kind === 'field_visit' && best.account_id) {
      await attachVisit(trx, { id: best.id, accountId: best.account_id, debtorId: best.debtor_id, notes: best.notes }, agent.userId, ctx.now, { userId: agent.userId, at: ctx.now });
    }
    return { item: { ...best, status: 'in_progress', assigned_user_id: agent.userId }, resumed: false };
  }
  // Every candidate was taken by someone else while we ranked; the caller may simply ask again.
  return { item: null, reason: 'queue_empty', next_allowed_at: null };
}

/** Moves one open item to another agent and/or team (supervisor action, audited). */
export async function reassignWorkItem(trx: Kysely<Database>, id: string, to: { userId: string | null; teamId: string | null }, reason: string, ctx: CaseContext): Promise<void> {
  const item = await trx.selectFrom('work_items').select(['id', 'kind', 'status', 'account_id', 'debtor_id', 'notes', 'due_at', 'assigned_user_id', 'team_id']).where('id', '=', id).forUpdate().executeTakeFirst();
  if (!item) throw new AppError('TAGIH_NOT_FOUND', `work item ${id} not found`);
  if (item.status === 'done' || item.status === 'cancelled') throw new AppError('TAGIH_CONFLICT', `work item ${id} is already ${item.status}`);
  await trx.updateTable('work_items').set({ assigned_user_id: to.userId, team_id: to.teamId, status: 'open', started_at: null }).where('id', '=', id).execute();
  if (item.kind === 'field_visit' && item.account_id && to.userId) {
    const role = await trx.selectFrom('users').select('role').where('id', '=', to.userId).executeTakeFirst();
    if (role?.role === 'field_agent') await attachVisit(trx, { id, accountId: item.account_id, debtorId: item.debtor_id, notes: item.notes }, to.userId, item.due_at, { userId: ctx.actor.id, at: ctx.now });
  }
  await audit(trx, { actor: ctx.actor, action: 'work_item.reassign', entityType: 'work_item', entityId: id, reason, details: { from: { user_id: item.assigned_user_id, team_id: item.team_id }, to: { user_id: to.userId, team_id: to.teamId } }, at: ctx.now });
}
