import type { AppDeps } from '../../app-deps.ts';
import { AppError } from '../../lib/app-error.ts';
import type { Principal } from '../../lib/route-access.ts';
import { audit } from '../audit/index.ts';
import { actorOf, auditPiiRead, piiView } from '../auth/index.ts';
import { normalizeIndonesianPhone } from '../../domain/phone.ts';
import { formatRupiah, rupiah } from '../../domain/money.ts';
import { startOfLocalDate } from '../../domain/dates.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import * as repo from './repo.ts';
import type { AccountSummary, Debtor360, ListAccountsQuery } from './schema.ts';

const INTERACTIONS_IN_360 = 200;

const isAccountCursor = (v: unknown): v is repo.AccountCursor =>
  typeof v === 'object' && v !== null && typeof (v as repo.AccountCursor).dpd === 'number' && typeof (v as repo.AccountCursor).id === 'string';
const isDebtorCursor = (v: unknown): v is repo.DebtorCursor =>
  typeof v === 'object' && v !== null && typeof (v as repo.DebtorCursor).name === 'string' && typeof (v as repo.DebtorCursor).id === 'string';

type AccountRow = Awaited<ReturnType<typeof repo.listAccounts>>[number];
function toSummary(a: AccountRow): AccountSummary {
  return {
    id: a.id,
    account_no: a.account_no,
    debtor_id: a.debtor_id,
    debtor_name: a.debtor_name,
    creditor_code: a.creditor_code,
    product: a.product,
    outstanding_idr: a.outstanding_idr.toString(),
    oldest_unpaid_due_date: a.oldest_unpaid_due_date,
    dpd: a.dpd,
    bucket: a.bucket,
    kol: a.kol,
    status: a.status,
    timezone: a.timezone,
    va_number: a.va_number,
    assigned_user_id: a.assigned_user_id,
    assigned_username: a.assigned_username,
  };
}

export async function listAccounts(deps: AppDeps, principal: Principal, q: ListAccountsQuery) {
  const after = q.cursor ? decodeCursor(q.cursor, isAccountCursor) : null;
  const rows = await repo.listAccounts(deps.db.kysely, principal, q, after);
  const items = rows.slice(0, q.limit).map(toSummary);
  const last = items[items.length - 1];
  return { items, next_cursor: rows.length > q.limit && last ? encodeCursor({ dpd: last.dpd, id: last.id }) : null };
}

export async function listDebtors(deps: AppDeps, principal: Principal, q: { q?: string | undefined; cursor?: string | undefined; limit: number }) {
  const after = q.cursor ? decodeCursor(q.cursor, isDebtorCursor) : null;
  // An exact phone number or NIK is looked up through its blind index; the plaintext is never compared in SQL.
  let blindIndex: string | undefined;
  if (q.q) {
    const phone = normalizeIndonesianPhone(q.q);
    if (phone.ok) blindIndex = deps.cipher.blindIndex(phone.value.e164);
    else if (/^\d{16}$/.test(q.q.trim())) blindIndex = deps.cipher.blindIndex(q.q.trim());
  }
  const rows = await repo.listDebtors(deps.db.kysely, principal, { ...(q.q ? { q: q.q } : {}), ...(blindIndex ? { blindIndex } : {}), limit: q.limit }, after);
  const items = rows.slice(0, q.limit).map((d) => ({
    id: d.id,
    debtor_ref: d.debtor_ref,
    full_name: d.full_name,
    creditor_code: d.creditor_code,
    timezone: d.timezone,
    province_code: d.province_code,
    accounts: Number(d.accounts),
    total_outstanding_idr: String(d.total_outstanding_idr ?? '0'),
    max_dpd: Number(d.max_dpd ?? 0),
  }));
  const last = items[items.length - 1];
  return { items, next_cursor: rows.length > q.limit && last ? encodeCursor({ name: last.full_name, id: last.id }) : null };
}

function sumDue(s: { principal_due: bigint; interest_due: bigint; fee_due: bigint; penalty_due: bigint }): bigint {
  return s.principal_due + s.interest_due + s.fee_due + s.penalty_due;
}
function sumPaid(s: { principal_paid: bigint; interest_paid: bigint; fee_paid: bigint; penalty_paid: bigint }): bigint {
  return s.principal_paid + s.interest_paid + s.fee_paid + s.penalty_paid;
}

/**
 * The debtor 360 view: profile, contacts, addresses, accounts with schedules and payments, interactions and one timeline.
 * PII is masked unless the role may read it; an unmasked read is audited with the caller's stated purpose.
 */
export async function getDebtor360(deps: AppDeps, principal: Principal, debtorId: string, purpose: string | null): Promise<Debtor360> {
  const db = deps.db.kysely;
  const debtor = await repo.findDebtor(db, debtorId);
  if (!debtor || !(await repo.debtorInScope(db, principal, debtorId))) throw new AppError('TAGIH_NOT_FOUND', `debtor ${debtorId} not found`);
  const pii = piiView(principal);
  const reveal = (envelope: string | null, show: (v: string) => string) => (envelope === null ? null : show(deps.cipher.decrypt(envelope)));

  const [{ contacts, prefs }, addresses, accounts, interactions] = await Promise.all([
    repo.findContacts(db, debtorId),
    repo.findAddresses(db, debtorId),
    repo.findDebtorAccounts(db, debtorId),
    repo.findInteractions(db, debtorId, INTERACTIONS_IN_360),
  ]);

  const view: Debtor360 = {
    profile: {
      id: debtor.id,
      debtor_ref: debtor.debtor_ref,
      full_name: debtor.full_name,
      creditor_code: debtor.creditor_code,
      creditor_name: debtor.creditor_name,
      nik: reveal(debtor.nik_enc, pii.revealNik),
      birth_date: reveal(debtor.birth_date_enc, pii.revealBirthDate),
      language: debtor.language,
      province_code: debtor.province_code,
      timezone: debtor.timezone,
      pii_masked: !pii.unmasked,
    },
    contacts: contacts.map((c) => ({
      id: c.id,
      type: c.type,
      value: pii.revealContact(c.type, deps.cipher.decrypt(c.value_enc)),
      is_primary: c.is_primary,
      is_verified: c.is_verified,
      is_emergency: c.is_emergency,
      emergency_name: c.emergency_name,
      emergency_relation: c.emergency_relation,
      emergency_consent: c.emergency_consent_at !== null,
      preferences: prefs.filter((p) => p.contact_id === c.id).map((p) => ({ channel: p.channel, consent: p.consent, consent_outside_hours: p.consent_outside_hours })),
    })),
    addresses: addresses.map((a) => ({
      id: a.id,
      kind: a.kind,
      address: pii.revealAddress(deps.cipher.decrypt(a.address_enc)),
      city: a.city,
      postal_code: a.postal_code,
      province_code: a.province_code,
      timezone: a.timezone,
    })),
    accounts: await loadAccountDetails(deps, accounts),
    interactions: interactions.map((i) => ({
      id: i.id,
      account_id: i.account_id,
      channel: i.channel,
      direction: i.direction,
      outcome: i.outcome,
      agent_id: i.agent_id,
      notes: i.notes,
      occurred_at: i.occurred_at.toISOString(),
    })),
    timeline: [],
  };
  view.timeline = [
    ...view.interactions.map((i) => ({
      at: i.occurred_at,
      kind: 'interaction' as const,
      account_id: i.account_id,
      summary: `${i.direction === 'inbound' ? 'Masuk' : 'Keluar'} ${i.channel}${i.outcome ? ` — ${i.outcome}` : ''}${i.notes ? `: ${i.notes}` : ''}`,
      ref_id: i.id,
    })),
    ...view.accounts.flatMap((a) =>
      a.payments.map((p) => ({
        at: p.paid_at,
        kind: 'payment' as const,
        account_id: a.id,
        summary: `Pembayaran ${formatRupiah(rupiah(BigInt(p.amount_idr)))} ke ${a.account_no} via ${p.channel}${p.status === 'reversed' ? ' (dibatalkan)' : ''}`,
        ref_id: p.id,
      })),
    ),
    ...view.accounts.flatMap((a) =>
      a.delinquency_history.map((h, i) => ({
        // A bucket move is dated, not timed: it sorts at the start of that day in the debtor's zone (midnight UTC
        // would be 08:00 WITA and put a move dated today after this morning's calls).
        at: startOfLocalDate(h.added_on, debtor.timezone).toISOString(),
        kind: 'delinquency' as const,
        account_id: a.id,
        summary: `${a.account_no} masuk bucket ${h.bucket}, Kol ${h.kol}`,
        ref_id: `${a.id}:${i}`,
      })),
    ),
  ].sort((x, y) => (x.at < y.at ? 1 : x.at > y.at ? -1 : 0));

  if (pii.unmasked) {
    await auditPiiRead(deps, principal, { entityType: 'debtor', entityId: debtorId, fields: ['nik', 'birth_date', 'contacts', 'addresses'], reason: purpose });
  }
  return view;
}

function toPayment(p: Awaited<ReturnType<typeof repo.findPayments>>[number]) {
  return {
    id: p.id,
    account_id: p.account_id,
    amount_idr: p.amount_idr.toString(),
    paid_at: p.paid_at.toISOString(),
    channel: p.channel,
    external_ref: p.external_ref,
    status: p.status,
  };
}

/** Accounts with their schedule, payments and delinquency history, loaded in three queries for all accounts at once. */
async function loadAccountDetails(deps: AppDeps, accounts: Awaited<ReturnType<typeof repo.findDebtorAccounts>>) {
  const db = deps.db.kysely;
  const ids = accounts.map((a) => a.id);
  const [schedules, payments, history] = await Promise.all([repo.findSchedules(db, ids), repo.findPayments(db, ids), repo.findDelinquencyHistory(db, ids)]);
  return accounts.map((a) => ({
    ...toSummary(a),
    principal_idr: a.principal_idr?.toString() ?? null,
    installment_idr: a.installment_idr?.toString() ?? null,
    tenor_months: a.tenor_months,
    credit_balance_idr: a.credit_balance_idr.toString(),
    delinquency_as_of: a.delinquency_as_of,
    schedule: schedules
      .filter((s) => s.account_id === a.id)
      .map((s) => ({
        seq: s.seq,
        due_date: s.due_date,
        due_idr: sumDue(s).toString(),
        paid_idr: sumPaid(s).toString(),
        principal_due_idr: s.principal_due.toString(),
        interest_due_idr: s.interest_due.toString(),
        fee_due_idr: s.fee_due.toString(),
        penalty_due_idr: s.penalty_due.toString(),
      })),
    payments: payments.filter((p) => p.account_id === a.id).map(toPayment),
    delinquency_history: history.filter((h) => h.account_id === a.id).map((h) => ({ bucket: h.bucket, kol: h.kol, added_on: h.added_on, lifted_on: h.lifted_on })),
  }));
}

export async function getAccount(deps: AppDeps, principal: Principal, accountId: string) {
  const db = deps.db.kysely;
  const inScope = await repo.scopeToPrincipal(db.selectFrom('accounts').select(['accounts.id', 'accounts.debtor_id']).where('accounts.id', '=', accountId), principal).executeTakeFirst();
  if (!inScope) throw new AppError('TAGIH_NOT_FOUND', `account ${accountId} not found`);
  const accounts = (await repo.findDebtorAccounts(db, inScope.debtor_id)).filter((a) => a.id === accountId);
  const [account] = await loadAccountDetails(deps, accounts);
  if (!account) throw new AppError('TAGIH_NOT_FOUND', `account ${accountId} not found`);
  return account;
}

export async function logInteraction(
  deps: AppDeps,
  principal: Principal,
  debtorId: string,
  input: { account_id: string | null; channel: 'sms' | 'whatsapp' | 'email' | 'voice' | 'field' | 'chat' | 'letter'; direction: 'inbound' | 'outbound'; outcome: string; notes: string | null; occurred_at?: string | undefined },
) {
  const db = deps.db.kysely;
  if (!(await repo.debtorInScope(db, principal, debtorId))) throw new AppError('TAGIH_NOT_FOUND', `debtor ${debtorId} not found`);
  if (input.account_id) {
    const acc = await db.selectFrom('accounts').select('debtor_id').where('id', '=', input.account_id).executeTakeFirst();
    if (acc?.debtor_id !== debtorId) throw new AppError('TAGIH_VALIDATION', 'account_id does not belong to this debtor', [{ path: '/account_id', message: 'not an account of this debtor' }]);
  }
  return db.transaction().execute(async (trx) => {
    const row = await repo.insertInteraction(trx, {
      debtorId,
      accountId: input.account_id,
      channel: input.channel,
      direction: input.direction,
      outcome: input.outcome,
      agentId: principal.userId,
      notes: input.notes,
      occurredAt: input.occurred_at ? new Date(input.occurred_at) : deps.now(),
    });
    await audit(trx, { actor: actorOf(principal), action: 'interaction.create', entityType: 'debtor', entityId: debtorId, details: { interaction_id: row.id, outcome: input.outcome }, at: deps.now() });
    return { id: row.id, account_id: row.account_id, channel: row.channel, direction: row.direction, outcome: row.outcome, agent_id: row.agent_id, notes: row.notes, occurred_at: row.occurred_at.toISOString() };
  });
}

export async function listCreditors(deps: AppDeps) {
  const rows = await repo.listCreditors(deps.db.kysely);
  return rows.map((r) => ({ id: r.id, code: r.code, name: r.name, accounts: Number(r.accounts) }));
}
