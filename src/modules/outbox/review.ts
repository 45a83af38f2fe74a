import type { AppDeps } from '../../app-deps.ts';
import { AppError } from '../../lib/app-error.ts';
import { audit, type Actor } from '../audit/index.ts';
import { insertEvents } from './dispatch-repo.ts';
import { outboxView } from './query-service.ts';
import type { ReviewBody } from './schema.ts';

/**
 * Resolves a send whose outcome is unknown (the dispatcher died mid-send on a channel that cannot dedupe).
 * Only a person can know, from the provider's console, whether the debtor got it; the verdict is recorded on the
 * message, as an outbox event and in the audit trail, in one transaction:
 * - confirmed_sent: the message counts as sent (and towards frequency caps) from when the provider accepted it;
 * - resent: back to pending, due now — the dispatcher re-checks the contact policy before sending;
 * - dropped: cancelled, never sent.
 */
export async function reviewUnknownOutcome(deps: AppDeps, actor: Actor, id: string, input: ReviewBody) {
  const now = deps.now();
  return deps.db.kysely.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('outbox_messages').select(['id', 'review_state', 'attempts', 'max_attempts', 'not_before']).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row) throw new AppError('TAGIH_NOT_FOUND', 'outbox message not found');
    if (row.review_state !== 'needed') {
      throw new AppError('TAGIH_CONFLICT', 'this message does not wait for review', [{ path: '/resolution', message: `review state is ${row.review_state ?? 'none'}` }]);
    }
    const flagged = await trx
      .selectFrom('outbox_events')
      .select((eb) => eb.fn.max('occurred_at').as('at'))
      .where('outbox_id', '=', id)
      .where('event', '=', 'outcome_unknown')
      .executeTakeFirst();
    const sentAt = input.sent_at ? new Date(input.sent_at) : (flagged?.at ?? row.not_before);
    if (sentAt > now) throw new AppError('TAGIH_VALIDATION', 'invalid review', [{ path: '/sent_at', message: 'is in the future' }]);

    const effect =
      input.resolution === 'confirmed_sent'
        ? ({ status: 'sent', sent_at: sentAt, last_error: null } as const)
        : input.resolution === 'resent'
          ? ({ status: 'pending', not_before: now, max_attempts: Math.max(row.max_attempts, row.attempts + 1) } as const)
          : ({ status: 'cancelled' } as const);
    const updated = await trx
      .updateTable('outbox_messages')
      .set({ ...effect, review_state: input.resolution, reviewed_by: actor.id, reviewed_at: now, review_note: input.note })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await insertEvents(trx, [{ outboxId: id, event: `review_${input.resolution}`, detail: { by: actor.label, note: input.note }, at: now }]);
    await audit(trx, { actor, action: 'outbox.reviewed', entityType: 'outbox_message', entityId: id, details: { resolution: input.resolution, note: input.note }, at: now });
    return outboxView(updated);
  });
}
