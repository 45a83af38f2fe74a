/** Test fixtures for the send path: a creditor, debtors with contact points, and planned contacts. */
import type { AppDeps } from '../../../app-deps.ts';
import type { ContactChannel } from '../../../db/schema-collection.ts';
import type { PlannedContact } from '../../../lib/contact-planner.ts';

let counter = 0;

export interface DebtorFixture {
  readonly debtorId: string;
  readonly accountId: string;
  readonly phoneId: string;
  readonly emailId: string;
}

/** One debtor in `zone` with an account, a primary phone and an email; optional emergency contact. */
export async function makeDebtor(deps: AppDeps, opts: { zone?: string; language?: 'id' | 'en'; outstanding?: bigint } = {}): Promise<DebtorFixture> {
  const db = deps.db.kysely;
  const n = ++counter;
  const creditor =
    (await db.selectFrom('creditors').select('id').where('code', '=', 'BANKMAJU').executeTakeFirst()) ??
    (await db.insertInto('creditors').values({ code: 'BANKMAJU', name: 'Bank Maju' }).returning('id').executeTakeFirstOrThrow());
  const suffix = `${n}-${Math.random().toString(36).slice(2, 8)}`;
  const debtor = await db
    .insertInto('debtors')
    .values({ creditor_id: creditor.id, debtor_ref: `D-${suffix}`, full_name: `Debitur ${n}`, timezone: opts.zone ?? 'Asia/Jakarta', language: opts.language ?? 'id', source_hash: null, nik_enc: null, nik_hash: null, birth_date_enc: null, province_code: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  const account = await db
    .insertInto('accounts')
    .values({ creditor_id: creditor.id, debtor_id: debtor.id, account_no: `ACC-${suffix}`, product: 'KTA', outstanding_idr: opts.outstanding ?? 1_250_000n, oldest_unpaid_due_date: '2026-11-20', va_number: `88080${String(n).padStart(11, '0')}`, source_hash: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  const phone = `+62812${String(10_000_000 + n)}`;
  const email = `debitur${suffix}@example.co.id`;
  const phoneRow = await db
    .insertInto('debtor_contacts')
    .values({ debtor_id: debtor.id, type: 'phone', value_enc: deps.cipher.encrypt(phone), value_hash: deps.cipher.blindIndex(phone), is_primary: true, emergency_name: null, emergency_relation: null, emergency_consent_at: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  const emailRow = await db
    .insertInto('debtor_contacts')
    .values({ debtor_id: debtor.id, type: 'email', value_enc: deps.cipher.encrypt(email), value_hash: deps.cipher.blindIndex(email), is_primary: true, emergency_name: null, emergency_relation: null, emergency_consent_at: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { debtorId: debtor.id, accountId: account.id, phoneId: phoneRow.id, emailId: emailRow.id };
}

/** Adds an emergency contact (phone) to a debtor, with or without the contact's recorded consent. */
export async function addEmergencyContact(deps: AppDeps, debtorId: string, consentAt: Date | null): Promise<string> {
  const phone = `+62813${String(20_000_000 + ++counter)}`;
  const row = await deps.db.kysely
    .insertInto('debtor_contacts')
    .values({ debtor_id: debtorId, type: 'phone', value_enc: deps.cipher.encrypt(phone), value_hash: deps.cipher.blindIndex(phone), is_emergency: true, emergency_name: 'Kakak', emergency_relation: 'sibling', emergency_consent_at: consentAt })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A planned contact with a unique key unless one is given. */
export function planned(d: DebtorFixture, channel: ContactChannel, notBefore: Date, over: Partial<PlannedContact> = {}): PlannedContact {
  return {
    idempotencyKey: `test:${d.accountId}:${channel}:${++counter}`,
    debtorId: d.debtorId,
    accountId: d.accountId,
    channel,
    purpose: 'collect',
    templateCode: 'reminder',
    notBefore,
    strategyVersion: 1,
    treatmentCode: 'T1',
    businessDate: notBefore.toISOString().slice(0, 10),
    ...over,
  };
}

/** A compliant Indonesian reminder (creditor identity, opt-out line) for `channel`. */
export const REMINDER_BODY =
  'Yth. {{name}}, tagihan {{creditor_name}} sebesar {{amount}} jatuh tempo {{due_date}}. Bayar ke VA {{va_number}}. Balas BERHENTI untuk berhenti.';

export async function addTemplate(deps: AppDeps, code: string, channel: ContactChannel, body = REMINDER_BODY, opts: { subject?: string; language?: 'id' | 'en'; version?: number } = {}): Promise<void> {
  await deps.db.kysely
    .insertInto('message_templates')
    .values({ code, channel, language: opts.language ?? 'id', version: opts.version ?? 1, subject: opts.subject ?? null, body, created_by: null })
    .execute();
}
