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

/** How long a report on an unknown message id waits for the dispatcher to record it. */
export const EARLY_REPORT_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * Serialises everything that concerns one provider message id within the transaction: the webhook's "is it known?"
 * and the dispatcher's "record the id, then apply reports that came early" cannot interleave, so no report is lost.
 */
async function lockProviderIds(trx: Kysely<Database>, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await sql`select pg_advisory_xact_lock(hashtext('whatsapp:' || x)) from (select unnest(${[...ids].sort()}::text[]) as x order by 1) ids`.execute(trx);
}

/** One report on a known message; statuses only move forward. Returns whether it changed the row. */
async function applyToMessage(trx: Kysely<Database>, row: { id: string; status: string }, st: WhatsAppStatus, at: Date): Promise<boolean> {
  const current = RANK[row.status];
  const apply = st.status === 'failed' ? current !== undefined && current <= 1 : current !== undefined && RANK[st.status]! > current;
  if (!apply) return false;
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
  row.status = st.status;
  return true;
}

/**
 * Applies delivery reports to the outbox. Statuses only move forward (sent → delivered → read; a
 * late "delivered" after "read" changes nothing); "failed" applies to messages not yet delivered.
 * Every applied report is an outbox event. A report on an id not recorded yet (the dispatcher has not
 * committed the send) is kept in `early_delivery_reports` and applied when it is. Returns how many rows changed.
 */
export async function applyWhatsAppStatuses(db: Kysely<Database>, statuses: readonly WhatsAppStatus[], receivedAt: Date): Promise<number> {
  // A send is recorded seconds after the provider accepts it; a report still unmatched after a day concerns a message
  // Tagih never recorded (an assistant reply, a message sent outside Tagih) and is dropped.
  await db.deleteFrom('early_delivery_reports').where('received_at', '<', new Date(receivedAt.getTime() - EARLY_REPORT_TTL_MS)).execute();
  let changed = 0;
  for (const st of statuses) {
    await db.transaction().execute(async (trx) => {
      await lockProviderIds(trx, [st.providerMessageId]);
      const row = await trx
        .selectFrom('outbox_messages')
        .select(['id', 'status'])
        .where('provider', '=', 'whatsapp')
        .where('provider_message_id', '=', st.providerMessageId)
        .forUpdate()
        .executeTakeFirst();
      const at = st.at.getTime() > 0 ? st.at : receivedAt;
      if (!row) {
        await trx.insertInto('early_delivery_reports').values({ provider: 'whatsapp', provider_message_id: st.providerMessageId, status: st.status, reported_at: at, error: st.error, received_at: receivedAt }).execute();
        return;
      }
      if (await applyToMessage(trx, row, st, at)) changed++;
    });
  }
  return changed;
}

/**
 * Called by the dispatcher in the transaction that records WhatsApp message ids (after marking them sent): applies,
 * in the order they were reported, the reports that arrived before the ids were known, and removes them.
 */
export async function applyEarlyReports(trx: Kysely<Database>, sent: readonly { id: string; providerMessageId: string }[]): Promise<void> {
  if (sent.length === 0) return;
  await lockProviderIds(trx, sent.map((m) => m.providerMessageId));
  const early = await trx
    .deleteFrom('early_delivery_reports')
    .where('provider', '=', 'whatsapp')
    .where('provider_message_id', 'in', sent.map((m) => m.providerMessageId))
    .returningAll()
    .execute();
  if (early.length === 0) return;
  early.sort((a, b) => a.reported_at.getTime() - b.reported_at.getTime() || Number(a.id - b.id));
  const rows = new Map(sent.map((m) => [m.providerMessageId, { id: m.id, status: 'sent' }]));
  for (const r of early) {
    await applyToMessage(trx, rows.get(r.provider_message_id)!, { providerMessageId: r.provider_message_id, status: r.status, at: r.reported_at, error: r.error }, r.reported_at);
  }
}
