import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import { followUpOf } from '../../../domain/call-outcomes.ts';
import { AppError } from '../../../lib/app-error.ts';
import { audit } from '../../audit/index.ts';
import { openDispute, type DisputeView } from '../disputes/service.ts';
import { createPromise, type PromiseView } from '../promises/service.ts';
import type { CaseContext } from '../shared/context.ts';
import { completeWorkItem, createWorkItem } from '../work-queue/service.ts';
import type { OutcomeBody } from './schema.ts';

/** Callbacks are booked at most this far ahead; later is a new call, not a callback. */
const CALLBACK_MAX_DAYS = 30;

export interface OutcomeResult {
  readonly interaction_id: string;
  readonly outcome: OutcomeBody['outcome'];
  readonly occurred_at: string;
  readonly promise: PromiseView | null;
  readonly callback_work_item_id: string | null;
  readonly dispute: DisputeView | null;
  readonly completed_work_item_id: string | null;
}

/**
 * Records one contact on the debtor timeline and everything it implies, in one transaction: a `ptp` creates the
 * promise, `callback_requested` a callback item for the same agent, `dispute` opens a dispute (a hold); the work
 * item being worked is completed with the outcome. Any refusal (say a promise over the balance) rolls it all back.
 */
export async function logOutcome(trx: Kysely<Database>, input: OutcomeBody, ctx: CaseContext & { agentId: string }): Promise<OutcomeResult> {
  if (input.account_id) {
    const acc = await trx.selectFrom('accounts').select('debtor_id').where('id', '=', input.account_id).executeTakeFirst();
    if (acc?.debtor_id !== input.debtor_id) throw new AppError('TAGIH_VALIDATION', 'account_id is not an account of this debtor', [{ path: '/account_id', message: 'not an account of this debtor' }]);
  }
  if (input.work_item_id) {
    const wi = await trx.selectFrom('work_items').select(['debtor_id', 'status', 'assigned_user_id']).where('id', '=', input.work_item_id).executeTakeFirst();
    if (!wi || wi.debtor_id !== input.debtor_id) throw new AppError('TAGIH_VALIDATION', 'work_item_id is not a work item of this debtor', [{ path: '/work_item_id', message: 'not a work item of this debtor' }]);
  }
  const interaction = await trx
    .insertInto('interactions')
    .values({ debtor_id: input.debtor_id, account_id: input.account_id, channel: input.channel, direction: input.direction, outcome: input.outcome, agent_id: ctx.agentId, notes: input.notes, occurred_at: ctx.now })
    .returning(['id', 'occurred_at'])
    .executeTakeFirstOrThrow();
  await audit(trx, { actor: ctx.actor, action: 'interaction.create', entityType: 'debtor', entityId: input.debtor_id, details: { interaction_id: interaction.id, outcome: input.outcome, work_item_id: input.work_item_id }, at: ctx.now });

  let promise: PromiseView | null = null;
  let callbackId: string | null = null;
  let dispute: DisputeView | null = null;
  switch (followUpOf(input.outcome)) {
    case 'promise':
      promise = await createPromise(trx, { accountId: input.account_id!, amountIdr: input.ptp!.amount_idr, promisedDate: input.ptp!.promised_date, source: 'agent', interactionId: interaction.id }, ctx);
      break;
    case 'callback': {
      const at = new Date(input.callback_at!);
      const ahead = at.getTime() - ctx.now.getTime();
      if (ahead <= 0 || ahead > CALLBACK_MAX_DAYS * 86_400_000) {
        throw new AppError('TAGIH_VALIDATION', `callback_at must be in the next ${CALLBACK_MAX_DAYS} days`, [{ path: '/callback_at', message: 'not in the future or too far ahead' }]);
      }
      const accountId = input.account_id ?? (await trx.selectFrom('accounts').select('id').where('debtor_id', '=', input.debtor_id).orderBy('dpd', 'desc').executeTakeFirstOrThrow()).id;
      const made = await createWorkItem(trx, { kind: 'callback', accountId, dueAt: at, notes: input.notes, idempotencyKey: `callback:${interaction.id}`, assignedUserId: ctx.agentId }, ctx);
      callbackId = made.id;
      break;
    }
    case 'dispute':
      dispute = await openDispute(trx, { kind: input.dispute!.kind, debtorId: input.debtor_id, accountId: input.account_id, category: input.dispute!.category, description: input.dispute!.description, openedVia: 'agent' }, ctx);
      break;
    case null:
      break;
  }
  if (input.work_item_id) await completeWorkItem(trx, input.work_item_id, { outcome: input.outcome, interactionId: interaction.id }, ctx);
  return {
    interaction_id: interaction.id,
    outcome: input.outcome,
    occurred_at: interaction.occurred_at.toISOString(),
    promise,
    callback_work_item_id: callbackId,
    dispute,
    completed_work_item_id: input.work_item_id,
  };
}
