import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import type { ChannelAdapter } from './adapter.ts';

/**
 * The default channel: messages are "delivered" into the local `outbox_sandbox` table, so the demo
 * and tests run offline and staff can see what would have been sent. Keyed by the idempotency key
 * like a real provider, so it dedupes resends.
 */
export function sandboxAdapter(db: Kysely<Database>): ChannelAdapter {
  return {
    name: 'sandbox',
    dedupesByKey: true,
    async send(m) {
      const inserted = await db
        .insertInto('outbox_sandbox')
        .values({ idempotency_key: m.idempotencyKey, outbox_id: m.outboxId, channel: m.channel, contact_id: m.contactId, subject: m.subject, body: m.body })
        .onConflict((oc) => oc.column('idempotency_key').doNothing())
        .returning('id')
        .executeTakeFirst();
      const id = inserted?.id ?? (await db.selectFrom('outbox_sandbox').select('id').where('idempotency_key', '=', m.idempotencyKey).executeTakeFirstOrThrow()).id;
      return { ok: true, provider: 'sandbox', providerMessageId: `sandbox-${id}` };
    },
  };
}
