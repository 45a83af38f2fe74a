import { createHmac, timingSafeEqual } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { insertEvents } from './dispatch-repo.ts';

/**
 * Checks `X-Hub-Signature-256: sha256=<hex>` — HMAC-SHA256 of the raw request body with the app
 * secret — in constant time. The raw bytes matter: re-serialised JSON would not match.
 */
export function validWhatsAppSignature(rawBody: Buffer, header: string | undefined, appSecret: string): boolean {
  if (!header || !header.startsWith('sha256=')) return false;
  const given = Buffer.from(header.slice('sha256='.length), 'hex');
  const expected = createHmac('sha256', appSecret).update(rawBody).digest();
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** One delivery report from the Cloud API webhook. */
export interface WhatsAppStatus {
  readonly providerMessageId: string;
  readonly status: 'sent' | 'delivered' | 'read' | 'failed';
  readonly at: Date;
  readonly error: string | null;
}

/** Pulls `entry[].changes[].value.statuses[]` out of a webhook payload; anything else (incoming messages) is ignored here. */
export function parseWhatsAppStatuses(payload: unknown): WhatsAppStatus[] {
  const out: WhatsAppStatus[] = [];
  const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
  const obj = (v: unknown): Record<string, unknown> => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>) : {});
  for (const entry of arr(obj(payload)['entry'])) {
    for (const change of arr(obj(entry)['changes'])) {
      for (const st of arr(obj(obj(change)['value'])['statuses'])) {
        const s = obj(st);
        const id = s['id'];
        const status = s['status'];
        if (typeof id !== 'string' || (status !== 'sent' && status !== 'delivered' && status !== 'read' && status !== 'failed')) continue;
        const ts = Number(s['timestamp']);
        const firstError = obj(arr(s['errors'])[0]);
        const error = typeof firstError['title'] === 'string' ? `${String(firstError['code'] ?? '')} ${firstError['title']}`.trim() : null;
        out.push({ providerMessageId: id, status, at: Number.isFinite(ts) && ts > 0 ? new Date(ts * 1000) : new Date(0), error });
      }
    }
  }
  return out;
}

const RANK: Readonly<Record<string, number>> = { sending: 0, sent: 1, delivered: 2, read: 3 };

/**
 * Applies delivery reports to the outbox. Statuses only move forward (sent → delivered → read; a
 * late "delivered" after "read" changes nothing); "failed" applies to messages not yet delivered.
 * Every applied report is an outbox event. Returns how many rows changed.
 */
export async function applyWhatsAppStatuses(db: Kysely<Database>, statuses: readonly WhatsAppStatus[], receivedAt: Date): Promise<number> {
  let changed = 0;
  for (const st of statuses) {
    await db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom('outbox_messages')
        .select(['id', 'status'])
        .where('provider', '=', 'whatsapp')
        .where('provider_message_id', '=', st.providerMessageId)
        .forUpdate()
        .executeTakeFirst();
      if (!row) return;
      const current = RANK[row.status];
      let apply = false;
      if (st.status === 'failed') apply = current !== undefined && current <= 1;
      else apply = current !== undefined && RANK[st.status]! > current;
      if (!apply) return;
      const at = st.at.getTime() > 0 ? st.at : receivedAt;
      await trx
        .updateTable('outbox_messages')
        .set({
          status: st.status,
          ...(st.status === 'delivered' || st.status === 'read' ? { delivered_at: sql<Date>`coalesce(delivered_at, ${at})` } : {}),
          ...(st.status === 'failed' ? { last_error: `whatsapp: ${st.error ?? 'delivery failed'}` } : {}),
        })
        .where('id', '=', row.id)
        .execute();
      await insertEvents(trx, [{ outboxId: row.id, event: st.status, detail: { provider_message_id: st.providerMessageId, ...(st.error ? { error: st.error } : {}) }, at }]);
      changed++;
    });
  }
  return changed;
}
