import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import type { ChannelAdapter } from './adapter.ts';

/**
 * Voice and field contacts are work for people: the "send" is a work item in the agent queue (a call
 * task, or a field visit), keyed by the outbox idempotency key so a resend creates nothing new.
 * The policy was checked when the task was created; the agent's call or visit is logged as an
 * interaction, which the policy counts from then on.
 */
export function workQueueAdapter(db: Kysely<Database>, now: () => Date): ChannelAdapter {
  return {
    name: 'work-queue',
    dedupesByKey: true,
    async send(m) {
      const kind = m.channel === 'field' ? 'field_visit' : 'call';
      const inserted = await db
        .insertInto('work_items')
        .values({
          idempotency_key: m.idempotencyKey,
          kind,
          account_id: m.accountId,
          debtor_id: m.debtorId,
          case_id: null,
          queue: m.queueHint ?? (kind === 'call' ? 'desk_l1' : 'field'),
          due_at: now(),
          assigned_user_id: null,
          team_id: null,
          outcome: null,
          notes: m.body,
        })
        .onConflict((oc) => oc.column('idempotency_key').doNothing())
        .returning('id')
        .executeTakeFirst();
      const id = inserted?.id ?? (await db.selectFrom('work_items').select('id').where('idempotency_key', '=', m.idempotencyKey).executeTakeFirstOrThrow()).id;
      return { ok: true, provider: 'work-queue', providerMessageId: id };
    },
  };
}
