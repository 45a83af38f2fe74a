import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import { DEFAULT_CASE_POLICY } from '../../../domain/case-policy.ts';
import { localDateOf } from '../../../domain/dates.ts';
import { disputeReference, isSlaBreached, slaDueAt, type DisputeKind } from '../../../domain/dispute-rules.ts';
import { AppError } from '../../../lib/app-error.ts';
import { audit } from '../../audit/index.ts';
import type { CaseContext } from '../shared/context.ts';
import * as repo from './repo.ts';
import type { DisputeRow } from './repo.ts';

export interface NewDispute {
  readonly kind: DisputeKind;
  readonly debtorId: string;
  readonly accountId?: string | null;
  readonly category?: string | null;
  readonly description: string;
  /** Where it came from: `agent`, `assistant`, `portal`, `email`, `letter`… */
  readonly openedVia: string;
}

export interface DisputeView {
  readonly id: string;
  readonly reference: string;
  readonly kind: DisputeKind;
  readonly debtor_id: string;
  readonly account_id: string | null;
  readonly status: DisputeRow['status'];
  readonly category: string | null;
  readonly description: string;
  readonly opened_via: string;
  readonly opened_by: string | null;
  readonly opened_at: string;
  readonly sla_due_at: string;
  readonly sla_breached: boolean;
  readonly resolved_at: string | null;
  readonly resolved_by: string | null;
  readonly resolution: string | null;
}

/** `sla_breached`: still open past the SLA, or answered after it. */
export function toDisputeView(d: DisputeRow, now: Date): DisputeView {
  return {
    id: d.id,
    reference: d.reference,
    kind: d.kind,
    debtor_id: d.debtor_id,
    account_id: d.account_id,
    status: d.status,
    category: d.category,
    description: d.description,
    opened_via: d.opened_via,
    opened_by: d.opened_by,
    opened_at: d.opened_at.toISOString(),
    sla_due_at: d.sla_due_at.toISOString(),
    sla_breached: isSlaBreached(d.sla_due_at, d.resolved_at ?? now),
    resolved_at: d.resolved_at?.toISOString() ?? null,
    resolved_by: d.resolved_by,
    resolution: d.resolution,
  };
}

/** References use the Jakarta calendar year, the year operators and OJK reports count in. */
const REFERENCE_ZONE = 'Asia/Jakarta';

/**
 * Opens a dispute or complaint inside the caller's transaction. While it is open the contact policy's
 * hold applies: the planner and dispatcher read `disputes` (status 'open') for `openDispute`/`openComplaint`.
 * The SLA clock starts now; the reference (`DSP-2026-000123`) is what the debtor is told.
 */
export async function openDispute(trx: Kysely<Database>, input: NewDispute, ctx: CaseContext): Promise<DisputeView> {
  const debtor = await trx.selectFrom('debtors').select('id').where('id', '=', input.debtorId).executeTakeFirst();
  if (!debtor) throw new AppError('TAGIH_NOT_FOUND', `debtor ${input.debtorId} not found`);
  if (input.accountId) {
    const acc = await trx.selectFrom('accounts').select('debtor_id').where('id', '=', input.accountId).executeTakeFirst();
    if (acc?.debtor_id !== input.debtorId) throw new AppError('TAGIH_VALIDATION', 'account_id is not an account of this debtor', [{ path: '/account_id', message: 'not an account of this debtor' }]);
  }
  const seq = await repo.nextReferenceSeq(trx);
  const reference = disputeReference(input.kind, Number(localDateOf(ctx.now, REFERENCE_ZONE).slice(0, 4)), seq);
  const row = await repo.insertDispute(trx, {
    reference,
    kind: input.kind,
    debtor_id: input.debtorId,
    account_id: input.accountId ?? null,
    category: input.category ?? null,
    description: input.description,
    opened_via: input.openedVia,
    opened_by: ctx.actor.id,
    opened_at: ctx.now,
    sla_due_at: slaDueAt(input.kind, ctx.now, ctx.policy ?? DEFAULT_CASE_POLICY),
  });
  await audit(trx, {
    actor: ctx.actor,
    action: `${input.kind}.open`,
    entityType: 'debtor',
    entityId: input.debtorId,
    details: { dispute_id: row.id, reference, account_id: row.account_id, category: row.category, opened_via: row.opened_via },
    at: ctx.now,
  });
  return toDisputeView(row, ctx.now);
}

/**
 * Closes an open dispute or complaint as resolved (in the debtor's favour or explained) or rejected,
 * with the resolution text in the record and the audit log. Closing lifts the hold.
 */
export async function resolveDispute(trx: Kysely<Database>, disputeId: string, outcome: { status: 'resolved' | 'rejected'; resolution: string }, ctx: CaseContext): Promise<DisputeView> {
  const d = await repo.findForUpdate(trx, disputeId);
  if (!d) throw new AppError('TAGIH_NOT_FOUND', `dispute ${disputeId} not found`);
  if (d.status !== 'open') throw new AppError('TAGIH_CONFLICT', `${d.kind} ${d.reference} is already ${d.status}`);
  const row = await repo.markClosed(trx, disputeId, { status: outcome.status, resolution: outcome.resolution, by: ctx.actor.id, at: ctx.now });
  await audit(trx, {
    actor: ctx.actor,
    action: `${d.kind}.${outcome.status === 'resolved' ? 'resolve' : 'reject'}`,
    entityType: 'debtor',
    entityId: d.debtor_id,
    reason: outcome.resolution,
    details: { dispute_id: d.id, reference: d.reference, sla_breached: isSlaBreached(d.sla_due_at, ctx.now) },
    at: ctx.now,
  });
  return toDisputeView(row, ctx.now);
}
