import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import { sniffImageType } from '../../../domain/image-type.ts';
import { isScopedToAssignments } from '../../../domain/permissions.ts';
import { AppError } from '../../../lib/app-error.ts';
import type { Principal } from '../../../lib/route-access.ts';
import { audit } from '../../audit/index.ts';
import { createPromise } from '../promises/service.ts';
import { personContactDecision, type ContactRules } from '../shared/contact-window.ts';
import type { CaseContext } from '../shared/context.ts';
import { accountInScope } from '../shared/scope.ts';
import { completeWorkItem, createWorkItem } from '../work-queue/service.ts';
import * as repo from './repo.ts';
import type { VisitRow } from './repo.ts';

export interface GpsFix {
  readonly lat: number;
  readonly lng: number;
  readonly accuracy_m: number;
}

type Photo = Awaited<ReturnType<typeof repo.photosOf>>[number];

export function toVisitView(v: VisitRow, photos: readonly Photo[]) {
  const fix = (at: Date | null, lat: number | null, lng: number | null, acc: number | null) =>
    at && lat !== null && lng !== null && acc !== null ? { at: at.toISOString(), lat, lng, accuracy_m: acc } : null;
  return {
    id: v.id,
    work_item_id: v.work_item_id,
    account_id: v.account_id,
    debtor_id: v.debtor_id,
    field_agent_id: v.field_agent_id,
    status: v.status,
    scheduled_for: v.scheduled_for.toISOString(),
    check_in: fix(v.check_in_at, v.check_in_lat, v.check_in_lng, v.check_in_accuracy_m),
    check_out: fix(v.check_out_at, v.check_out_lat, v.check_out_lng, v.check_out_accuracy_m),
    outcome: v.outcome,
    notes: v.notes,
    interaction_id: v.interaction_id,
    photos: photos.filter((p) => p.visit_id === v.id).map((p) => ({ id: p.id, content_type: p.content_type, size_bytes: p.size_bytes, sha256: p.sha256, uploaded_at: p.uploaded_at.toISOString() })),
  };
}

/**
 * Assigns a visit to a field agent: either a new `field_visit` work item in the `field` queue plus the visit record,
 * or an open field_visit item a strategy already created (it is given to the agent and gets its visit record).
 */
export async function scheduleVisit(
  trx: Kysely<Database>,
  input: { target: { accountId: string } | { workItemId: string }; fieldAgentId: string; scheduledFor: Date; notes: string | null },
  ctx: CaseContext,
): Promise<VisitRow> {
  const agent = await trx.selectFrom('users').select(['role', 'team_id', 'disabled_at']).where('id', '=', input.fieldAgentId).executeTakeFirst();
  if (!agent || agent.disabled_at || agent.role !== 'field_agent') {
    throw new AppError('TAGIH_VALIDATION', `user ${input.fieldAgentId} is not an active field agent`, [{ path: '/field_agent_id', message: 'not an active field agent' }]);
  }
  let visit: VisitRow;
  if ('workItemId' in input.target) {
    const id = input.target.workItemId;
    const item = await trx.selectFrom('work_items').select(['id', 'kind', 'status', 'account_id', 'debtor_id', 'notes']).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!item || item.kind !== 'field_visit' || !item.account_id) throw new AppError('TAGIH_NOT_FOUND', `field visit work item ${id} not found`);
    if (item.status !== 'open') throw new AppError('TAGIH_CONFLICT', `work item ${id} is ${item.status}`, [{ path: '/work_item_id', message: `is ${item.status}, not open` }]);
    await trx.updateTable('work_items').set({ assigned_user_id: input.fieldAgentId, team_id: agent.team_id, due_at: input.scheduledFor }).where('id', '=', id).execute();
    visit = await repo.attachVisit(trx, { id, accountId: item.account_id, debtorId: item.debtor_id, notes: input.notes ?? item.notes }, input.fieldAgentId, input.scheduledFor, { userId: ctx.actor.id, at: ctx.now });
  } else {
    const account = await trx.selectFrom('accounts').select(['id', 'debtor_id']).where('id', '=', input.target.accountId).executeTakeFirst();
    if (!account) throw new AppError('TAGIH_NOT_FOUND', `account ${input.target.accountId} not found`);
    const item = await createWorkItem(trx, { kind: 'field_visit', accountId: account.id, dueAt: input.scheduledFor, notes: input.notes, queue: 'field', assignedUserId: input.fieldAgentId, teamId: agent.team_id }, ctx);
    visit = await trx
      .insertInto('field_visits')
      .values({ work_item_id: item.id, account_id: account.id, debtor_id: account.debtor_id, field_agent_id: input.fieldAgentId, scheduled_for: input.scheduledFor, notes: input.notes, created_by: ctx.actor.id, created_at: ctx.now })
      .returningAll()
      .executeTakeFirstOrThrow();
  }
  await audit(trx, { actor: ctx.actor, action: 'field_visit.schedule', entityType: 'account', entityId: visit.account_id, details: { visit_id: visit.id, field_agent_id: input.fieldAgentId, scheduled_for: input.scheduledFor.toISOString() }, at: ctx.now });
  return visit;
}

/**
 * A visit is visible to its field agent, to desk agents whose scope covers the account, and to managers;
 * anyone else gets 404, exactly as if it did not exist.
 */
export async function visibleVisit(db: Kysely<Database>, principal: Principal, id: string) {
  const v = await repo.findVisit(db, id);
  if (!v) throw new AppError('TAGIH_NOT_FOUND', `field visit ${id} not found`);
  const notFound = new AppError('TAGIH_NOT_FOUND', `field visit ${id} not found`);
  if (principal.role === 'field_agent') {
    if (v.field_agent_id !== principal.userId) throw notFound;
  } else if (isScopedToAssignments(principal.role)) {
    await accountInScope(db, principal, v.account_id).catch(() => {
      throw notFound;
    });
  }
  return v;
}

async function ownVisitForUpdate(trx: Kysely<Database>, agentId: string, id: string) {
  const v = await repo.findVisit(trx, id, true);
  if (!v || v.field_agent_id !== agentId) throw new AppError('TAGIH_NOT_FOUND', `field visit ${id} not found`);
  return v;
}

/**
 * GPS check-in. The field window of the active contact policy (hours, days, holidays, dispute holds) decides
 * in the debtor's zone; the decision is recorded either way, and a refusal names every reason and when the
 * visit would be allowed.
 */
export async function checkIn(db: Kysely<Database>, agentId: string, id: string, fix: GpsFix, rules: ContactRules, ctx: CaseContext) {
  const refused = await db.transaction().execute(async (trx) => {
    const v = await ownVisitForUpdate(trx, agentId, id);
    if (v.status !== 'assigned') throw new AppError('TAGIH_CONFLICT', `field visit ${id} is ${v.status}; check-in needs an assigned visit`);
    const holds = await trx.selectFrom('disputes').select('kind').where('debtor_id', '=', v.debtor_id).where('status', '=', 'open').execute();
    const decision = personContactDecision(rules, { at: ctx.now, zone: v.timezone, channel: 'field', openDispute: holds.some((h) => h.kind === 'dispute'), openComplaint: holds.some((h) => h.kind === 'complaint') });
    await repo.recordDecision(trx, { at: ctx.now, debtorId: v.debtor_id, accountId: v.account_id, allowed: decision.allowed, reasons: decision.reasons, nextAllowedAt: decision.nextAllowedAt, policyVersion: rules.policy.version });
    if (!decision.allowed) {
      await audit(trx, { actor: ctx.actor, action: 'field_visit.check_in_refused', entityType: 'field_visit', entityId: id, details: { reasons: decision.reasons, lat: fix.lat, lng: fix.lng }, at: ctx.now });
      return { reasons: decision.reasons, nextAllowedAt: decision.nextAllowedAt };
    }
    await trx.updateTable('field_visits').set({ status: 'checked_in', check_in_at: ctx.now, check_in_lat: fix.lat, check_in_lng: fix.lng, check_in_accuracy_m: fix.accuracy_m }).where('id', '=', id).execute();
    await trx.updateTable('work_items').set({ status: 'in_progress', started_at: ctx.now }).where('id', '=', v.work_item_id).where('status', '=', 'open').execute();
    await audit(trx, { actor: ctx.actor, action: 'field_visit.check_in', entityType: 'field_visit', entityId: id, details: { lat: fix.lat, lng: fix.lng, accuracy_m: fix.accuracy_m }, at: ctx.now });
    return null;
  });
  // The refusal is committed (decision + audit) before it is reported.
  if (refused) {
    throw new AppError('TAGIH_CONFLICT', `field visit not allowed now: ${refused.reasons.join(', ')}`, { reasons: refused.reasons, next_allowed_at: refused.nextAllowedAt?.toISOString() ?? null });
  }
}

/** Photo evidence of a visit in progress: type checked by magic bytes, deduplicated by SHA-256. */
export async function addPhoto(trx: Kysely<Database>, agentId: string, id: string, bytes: Buffer, ctx: CaseContext) {
  const v = await ownVisitForUpdate(trx, agentId, id);
  if (v.status !== 'checked_in') throw new AppError('TAGIH_CONFLICT', `field visit ${id} is ${v.status}; photos are taken after check-in`);
  const type = sniffImageType(bytes);
  if (!type) throw new AppError('TAGIH_VALIDATION', 'the file is not a JPEG, PNG or WebP image', [{ path: '/file', message: 'not an image' }]);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const inserted = await trx
    .insertInto('field_visit_photos')
    .values({ visit_id: id, content_type: type, bytes, size_bytes: bytes.length, sha256, uploaded_by: agentId, uploaded_at: ctx.now })
    .onConflict((oc) => oc.columns(['visit_id', 'sha256']).doNothing())
    .returning(['id', 'content_type', 'size_bytes', 'sha256'])
    .executeTakeFirst();
  if (inserted) await audit(trx, { actor: ctx.actor, action: 'field_visit.photo', entityType: 'field_visit', entityId: id, details: { photo_id: inserted.id, sha256, size_bytes: bytes.length }, at: ctx.now });
  return inserted ?? (await trx.selectFrom('field_visit_photos').select(['id', 'content_type', 'size_bytes', 'sha256']).where('visit_id', '=', id).where('sha256', '=', sha256).executeTakeFirstOrThrow());
}

/** GPS check-out with the outcome: logs the field interaction, takes a promise if one was made, completes the item. */
export async function checkOut(
  trx: Kysely<Database>,
  agentId: string,
  id: string,
  input: GpsFix & { outcome: string; notes: string | null; ptp?: { amount_idr: bigint; promised_date: string } | undefined },
  ctx: CaseContext,
): Promise<VisitRow> {
  const v = await ownVisitForUpdate(trx, agentId, id);
  if (v.status !== 'checked_in') throw new AppError('TAGIH_CONFLICT', `field visit ${id} is ${v.status}; check-out needs a checked-in visit`);
  if (input.outcome === 'ptp' && !input.ptp) throw new AppError('TAGIH_VALIDATION', 'a ptp outcome needs ptp.amount_idr and ptp.promised_date', [{ path: '/ptp', message: 'required for outcome ptp' }]);
  const interaction = await trx
    .insertInto('interactions')
    .values({ debtor_id: v.debtor_id, account_id: v.account_id, channel: 'field', direction: 'outbound', outcome: input.outcome, agent_id: agentId, notes: input.notes, occurred_at: ctx.now })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (input.ptp) await createPromise(trx, { accountId: v.account_id, amountIdr: input.ptp.amount_idr, promisedDate: input.ptp.promised_date, source: 'agent', interactionId: interaction.id }, ctx);
  const row = await trx
    .updateTable('field_visits')
    .set({ status: 'completed', check_out_at: ctx.now, check_out_lat: input.lat, check_out_lng: input.lng, check_out_accuracy_m: input.accuracy_m, outcome: input.outcome, notes: input.notes ?? v.notes, interaction_id: interaction.id })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await completeWorkItem(trx, v.work_item_id, { outcome: input.outcome, interactionId: interaction.id }, ctx);
  await audit(trx, { actor: ctx.actor, action: 'field_visit.check_out', entityType: 'field_visit', entityId: id, details: { outcome: input.outcome, lat: input.lat, lng: input.lng, interaction_id: interaction.id }, at: ctx.now });
  return row;
}
