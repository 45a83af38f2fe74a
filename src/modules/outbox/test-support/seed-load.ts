/**
 * Bulk seeding for the dispatch benchmark and the fault test: N debtors, each with an account, a
 * phone and one due SMS in the outbox, in a zone where contact is allowed right now (so the real
 * clock can be used and the policy still passes).
 */
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import { evaluateContact, ID_OJK_POLICY, indonesianCalendar } from '../../../domain/contact-policy/index.ts';
import type { PiiCipher } from '../../../lib/pii-cipher.ts';
import { REMINDER_BODY } from './fixtures.ts';

/**
 * A fixed-offset zone where `at` (and the next `hours`) is inside the default policy's window on a
 * working day, found with the policy engine itself. Keeps clock-based tests green at any hour.
 */
export function zoneOpenAt(at: Date, hours = 2): string {
  const calendar = indonesianCalendar();
  for (let offset = -12; offset <= 14; offset++) {
    // Etc/GMT signs are inverted: Etc/GMT-7 is UTC+7.
    const zone = offset === 0 ? 'Etc/UTC' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
    const req = (t: Date) => ({
      at: t,
      zone,
      channel: 'sms' as const,
      purpose: 'reminder' as const,
      contactPoint: { isDebtorOwn: true, isEmergency: false, emergencyConsent: false, optedOutChannels: [] },
      debtor: { openDispute: false, openComplaint: false },
      history: [],
    });
    const later = new Date(at.getTime() + hours * 3_600_000);
    if (evaluateContact(ID_OJK_POLICY, calendar, req(at)).allowed && evaluateContact(ID_OJK_POLICY, calendar, req(later)).allowed) return zone;
  }
  throw new Error(`no zone is inside the contact window at ${at.toISOString()}`);
}

export const LOAD_TEMPLATE = 'load-reminder';

/** Seeds `messages` due SMS (one per debtor) in `zone`; returns their idempotency keys. */
export async function seedDispatchLoad(db: Kysely<Database>, cipher: PiiCipher, opts: { messages: number; zone: string; notBefore: Date }): Promise<string[]> {
  const run = randomBytes(4).toString('hex');
  const creditor = await db
    .insertInto('creditors')
    .values({ code: `LOAD-${run}`, name: 'Bank Beban' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('message_templates')
    .values({ code: LOAD_TEMPLATE, channel: 'sms', language: 'id', version: 1, subject: null, body: REMINDER_BODY, created_by: null })
    .onConflict((oc) => oc.columns(['code', 'channel', 'language', 'version']).doNothing())
    .execute();
  const keys: string[] = [];
  const CHUNK = 5000;
  for (let start = 0; start < opts.messages; start += CHUNK) {
    const n = Math.min(CHUNK, opts.messages - start);
    const idx = Array.from({ length: n }, (_, i) => start + i);
    const refs = idx.map((i) => `L-${run}-${i}`);
    const debtors = await sql<{ id: string; debtor_ref: string }>`
      insert into debtors (creditor_id, debtor_ref, full_name, timezone)
      select ${creditor.id}::uuid, r, 'Debitur ' || r, ${opts.zone} from unnest(${refs}::text[]) as r
      returning id, debtor_ref`.execute(db);
    const byRef = new Map(debtors.rows.map((d) => [d.debtor_ref, d.id]));
    const debtorIds = refs.map((r) => byRef.get(r)!);
    const accounts = await sql<{ id: string; debtor_id: string }>`
      insert into accounts (creditor_id, debtor_id, account_no, product, outstanding_idr, oldest_unpaid_due_date, va_number)
      select ${creditor.id}::uuid, d, 'ACC-' || r, 'KTA', 1250000, date '2026-11-20', '8808' || r
      from unnest(${debtorIds}::uuid[], ${refs}::text[]) as t(d, r)
      returning id, debtor_id`.execute(db);
    const accountOf = new Map(accounts.rows.map((a) => [a.debtor_id, a.id]));
    const phones = idx.map((i) => `+62812${String(10_000_000 + i).padStart(8, '0')}`);
    const contacts = await sql<{ id: string; debtor_id: string }>`
      insert into debtor_contacts (debtor_id, type, value_enc, value_hash, is_primary)
      select d, 'phone', e, h, true from unnest(${debtorIds}::uuid[], ${phones.map((p) => cipher.encrypt(p))}::text[], ${phones.map((p) => cipher.blindIndex(p))}::text[]) as t(d, e, h)
      returning id, debtor_id`.execute(db);
    const contactOf = new Map(contacts.rows.map((c) => [c.debtor_id, c.id]));
    const chunkKeys = refs.map((r) => `load:${r}`);
    await sql`
      insert into outbox_messages (idempotency_key, debtor_id, account_id, contact_id, channel, purpose, template_code, body, not_before)
      select k, d, a, c, 'sms', 'reminder', ${LOAD_TEMPLATE}, '', ${opts.notBefore}
      from unnest(${chunkKeys}::text[], ${debtorIds}::uuid[], ${debtorIds.map((d) => accountOf.get(d)!)}::uuid[], ${debtorIds.map((d) => contactOf.get(d)!)}::uuid[]) as t(k, d, a, c)`.execute(db);
    keys.push(...chunkKeys);
  }
  return keys;
}
