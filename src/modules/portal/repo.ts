import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { DataRequestKind, DataRequestStatus } from '../../db/schema-portal.ts';

/** The only place the portal's Kysely builders live. */
type Db = Kysely<Database>;

export async function accountForLogin(db: Db, accountNo: string) {
  return db
    .selectFrom('accounts')
    .innerJoin('debtors', 'debtors.id', 'accounts.debtor_id')
    .select(['accounts.id as accountId', 'accounts.debtor_id as debtorId', 'debtors.birth_date_enc as birthDateEnc'])
    .where('accounts.account_no', '=', accountNo)
    .executeTakeFirst();
}

/** The debtor's own registered phone to send a code to: primary first, then verified, then oldest. */
export async function registeredPhone(db: Db, debtorId: string) {
  return db
    .selectFrom('debtor_contacts')
    .select(['id', 'value_enc'])
    .where('debtor_id', '=', debtorId)
    .where('type', '=', 'phone')
    .where('is_emergency', '=', false)
    .orderBy('is_primary', 'desc')
    .orderBy('is_verified', 'desc')
    .orderBy('created_at')
    .limit(1)
    .executeTakeFirst();
}

/** Serialises OTP requests for one account number (both drivers), so the rate limit cannot be raced. */
export async function lockAccountKey(trx: Db, accountKey: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`portal-otp:${accountKey}`}))`.execute(trx);
}

export async function challengeHistory(db: Db, accountKey: string, since: Date) {
  return db.selectFrom('portal_otps').select(['created_at', 'locked_at']).where('account_key', '=', accountKey).where((eb) => eb.or([eb('created_at', '>', since), eb('locked_at', '>', since)])).execute();
}

export async function challengesFromIp(db: Db, ip: string, since: Date): Promise<number> {
  const row = await db.selectFrom('portal_otps').select((eb) => eb.fn.countAll<string>().as('n')).where('ip', '=', ip).where('created_at', '>', since).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertChallenge(
  db: Db,
  c: { id: string; accountKey: string; debtorId: string | null; accountId: string | null; contactId: string | null; codeHash: string; now: Date; expiresAt: Date; maxAttempts: number; ip: string | null },
): Promise<void> {
  await db
    .insertInto('portal_otps')
    .values({ id: c.id, account_key: c.accountKey, debtor_id: c.debtorId, account_id: c.accountId, contact_id: c.contactId, code_hash: c.codeHash, created_at: c.now, expires_at: c.expiresAt, max_attempts: c.maxAttempts, ip: c.ip })
    .execute();
}

export async function challengeForUpdate(trx: Db, id: string) {
  return trx.selectFrom('portal_otps').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function updateChallenge(trx: Db, id: string, patch: { attempts?: number; locked_at?: Date; consumed_at?: Date }): Promise<void> {
  await trx.updateTable('portal_otps').set(patch).where('id', '=', id).execute();
}

export async function insertSession(trx: Db, s: { id: string; debtorId: string; otpId: string; now: Date; expiresAt: Date }): Promise<void> {
  await trx.insertInto('portal_sessions').values({ id: s.id, debtor_id: s.debtorId, otp_id: s.otpId, created_at: s.now, expires_at: s.expiresAt }).execute();
}

export async function findSession(db: Db, id: string) {
  return db
    .selectFrom('portal_sessions')
    .innerJoin('debtors', 'debtors.id', 'portal_sessions.debtor_id')
    .select(['portal_sessions.id', 'portal_sessions.debtor_id', 'portal_sessions.expires_at', 'portal_sessions.revoked_at', 'debtors.timezone', 'debtors.full_name', 'debtors.language'])
    .where('portal_sessions.id', '=', id)
    .executeTakeFirst();
}

export async function revokeSession(db: Db, id: string, now: Date): Promise<void> {
  await db.updateTable('portal_sessions').set({ revoked_at: now }).where('id', '=', id).where('revoked_at', 'is', null).execute();
}

const ACCOUNT_COLUMNS = ['accounts.id', 'accounts.account_no', 'accounts.product', 'accounts.outstanding_idr', 'accounts.installment_idr', 'accounts.oldest_unpaid_due_date', 'accounts.dpd', 'accounts.status', 'accounts.va_number', 'creditors.name as creditor_name'] as const;

export async function accountsOf(db: Db, debtorId: string) {
  return db.selectFrom('accounts').innerJoin('creditors', 'creditors.id', 'accounts.creditor_id').select(ACCOUNT_COLUMNS).where('accounts.debtor_id', '=', debtorId).orderBy('accounts.account_no').execute();
}

/** One account, only when it belongs to this debtor: another debtor's account is indistinguishable from a missing one. */
export async function ownAccount(db: Db, debtorId: string, accountId: string) {
  return db.selectFrom('accounts').innerJoin('creditors', 'creditors.id', 'accounts.creditor_id').select(ACCOUNT_COLUMNS).where('accounts.id', '=', accountId).where('accounts.debtor_id', '=', debtorId).executeTakeFirst();
}

export async function scheduleOf(db: Db, accountId: string) {
  return db.selectFrom('account_schedule').selectAll().where('account_id', '=', accountId).orderBy('seq').execute();
}

export async function contactsOf(db: Db, debtorId: string) {
  return db.selectFrom('debtor_contacts').selectAll().where('debtor_id', '=', debtorId).where('is_emergency', '=', false).orderBy('created_at').execute();
}

export async function preferencesOf(db: Db, contactIds: readonly string[]) {
  if (contactIds.length === 0) return [];
  return db.selectFrom('contact_channel_preferences').selectAll().where('contact_id', 'in', contactIds).execute();
}

export async function contactHoursOf(db: Db, debtorId: string) {
  return db.selectFrom('portal_contact_hours').selectAll().where('debtor_id', '=', debtorId).executeTakeFirst();
}

export async function saveContactHours(db: Db, debtorId: string, hours: { start: string; end: string } | null, now: Date): Promise<void> {
  if (hours === null) {
    await db.deleteFrom('portal_contact_hours').where('debtor_id', '=', debtorId).execute();
    return;
  }
  await db
    .insertInto('portal_contact_hours')
    .values({ debtor_id: debtorId, start_local: hours.start, end_local: hours.end, recorded_at: now })
    .onConflict((oc) => oc.column('debtor_id').doUpdateSet({ start_local: hours.start, end_local: hours.end, recorded_at: now }))
    .execute();
}

export async function insertDataRequest(
  db: Db,
  r: { reference: string; debtorId: string; kind: DataRequestKind; status: DataRequestStatus; detailsEnc: string | null; now: Date; dueAt: Date; resolution: string | null },
) {
  return db
    .insertInto('data_subject_requests')
    .values({ reference: r.reference, debtor_id: r.debtorId, kind: r.kind, status: r.status, details_enc: r.detailsEnc, created_at: r.now, due_at: r.dueAt, closed_at: r.status === 'closed' ? r.now : null, resolution: r.resolution })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function dataRequestsOfDebtor(db: Db, debtorId: string) {
  return db.selectFrom('data_subject_requests').selectAll().where('debtor_id', '=', debtorId).orderBy('created_at', 'desc').orderBy('id').execute();
}

/** Keyset page over (created_at, id), oldest first: the queue staff work through. */
export async function listDataRequests(db: Db, f: { status: DataRequestStatus | null; kind: DataRequestKind | null; after: { createdAt: Date; id: string } | null; limit: number }) {
  let q = db.selectFrom('data_subject_requests').selectAll();
  if (f.status) q = q.where('status', '=', f.status);
  if (f.kind) q = q.where('kind', '=', f.kind);
  const after = f.after;
  if (after) q = q.where((eb) => eb.or([eb('created_at', '>', after.createdAt), eb.and([eb('created_at', '=', after.createdAt), eb('id', '>', after.id)])]));
  return q.orderBy('created_at').orderBy('id').limit(f.limit).execute();
}

export async function dataRequestForUpdate(trx: Db, id: string) {
  return trx.selectFrom('data_subject_requests').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function closeDataRequest(trx: Db, id: string, by: string | null, resolution: string, now: Date) {
  return trx.updateTable('data_subject_requests').set({ status: 'closed', closed_at: now, closed_by: by, resolution }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** Everything held about one debtor, for the UU PDP access export (the caller decrypts). */
export async function exportRows(db: Db, debtorId: string) {
  const debtor = await db.selectFrom('debtors').selectAll().where('id', '=', debtorId).executeTakeFirstOrThrow();
  const accountIds = (await db.selectFrom('accounts').select('id').where('debtor_id', '=', debtorId).execute()).map((a) => a.id);
  const inAccounts = <T>(run: (ids: readonly string[]) => Promise<T[]>): Promise<T[]> => (accountIds.length === 0 ? Promise.resolve([]) : run(accountIds));
  return {
    debtor,
    contacts: await db.selectFrom('debtor_contacts').selectAll().where('debtor_id', '=', debtorId).orderBy('created_at').execute(),
    addresses: await db.selectFrom('debtor_addresses').selectAll().where('debtor_id', '=', debtorId).orderBy('created_at').execute(),
    accounts: await db.selectFrom('accounts').selectAll().where('debtor_id', '=', debtorId).orderBy('account_no').execute(),
    schedule: await inAccounts((ids) => db.selectFrom('account_schedule').selectAll().where('account_id', 'in', ids).orderBy('account_id').orderBy('seq').execute()),
    payments: await inAccounts((ids) => db.selectFrom('payments').selectAll().where('account_id', 'in', ids).orderBy('paid_at').execute()),
    promises: await db.selectFrom('promises_to_pay').selectAll().where('debtor_id', '=', debtorId).orderBy('created_at').execute(),
    disputes: await db.selectFrom('disputes').selectAll().where('debtor_id', '=', debtorId).orderBy('opened_at').execute(),
    interactions: await db.selectFrom('interactions').select(['id', 'account_id', 'channel', 'direction', 'outcome', 'occurred_at']).where('debtor_id', '=', debtorId).orderBy('occurred_at').execute(),
    contactHours: await contactHoursOf(db, debtorId),
    dataRequests: await dataRequestsOfDebtor(db, debtorId),
  };
}
