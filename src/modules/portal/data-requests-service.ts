import type { Selectable } from 'kysely';
import type { AppDeps } from '../../app-deps.ts';
import type { DataRequestKind, DataRequestStatus, DataSubjectRequestsTable } from '../../db/schema-portal.ts';
import { AppError } from '../../lib/app-error.ts';
import { newReference } from '../assistant/index.ts';
import { audit, type Actor } from '../audit/index.ts';
import type { DebtorSession } from './debtor-session.ts';
import { CONTACT_CHANNELS, debtorActor, updateContactPreferences } from './self-service.ts';
import * as repo from './repo.ts';

/**
 * UU PDP (UU 27/2022) data-subject rights in the portal. Article 32/33 give the subject access and correction, and
 * Article 40 lets consent be withdrawn; the controller answers within 3×24 hours (Articles 32–34, 40), which is the
 * due date recorded on every request.
 */
export const DATA_REQUEST_DUE_MS = 72 * 60 * 60 * 1000;

export type DataRequestRow = Selectable<DataSubjectRequestsTable>;

/** A request as the API shows it; `details` only decrypted for the debtor or compliance. */
export function toDataRequestView(deps: AppDeps, r: DataRequestRow) {
  return {
    id: r.id,
    reference: r.reference,
    debtor_id: r.debtor_id,
    kind: r.kind,
    status: r.status,
    details: r.details_enc ? (JSON.parse(deps.cipher.decrypt(r.details_enc)) as Record<string, unknown>) : null,
    created_at: r.created_at.toISOString(),
    due_at: r.due_at.toISOString(),
    closed_at: r.closed_at?.toISOString() ?? null,
    resolution: r.resolution,
  };
}

function dueAt(now: Date): Date {
  return new Date(now.getTime() + DATA_REQUEST_DUE_MS);
}

const str = (v: unknown): unknown => (typeof v === 'bigint' ? v.toString() : v instanceof Date ? v.toISOString() : v);
/** Plain JSON of a row: bigints as decimal strings, instants as ISO, encrypted columns dropped (given decrypted instead). */
function plain(row: object, drop: readonly string[] = []): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).filter(([k]) => !k.endsWith('_enc') && !k.endsWith('_hash') && !drop.includes(k)).map(([k, v]) => [k, str(v)]));
}

/**
 * The access export: everything held about the debtor, PII decrypted, as one JSON document. Fulfilled at once, so
 * the request is recorded already closed, with a `pdp.access_export` audit row in the same transaction.
 */
export async function exportOwnData(deps: AppDeps, s: DebtorSession) {
  const now = deps.now();
  const dec = (v: string | null) => (v === null ? null : deps.cipher.decrypt(v));
  return deps.db.kysely.transaction().execute(async (trx) => {
    const rows = await repo.exportRows(trx, s.debtorId);
    const request = await repo.insertDataRequest(trx, { reference: newReference('PDP'), debtorId: s.debtorId, kind: 'access', status: 'closed', detailsEnc: null, now, dueAt: dueAt(now), resolution: 'exported to the data subject through the portal' });
    await audit(trx, { actor: debtorActor(s), action: 'pdp.access_export', entityType: 'debtor', entityId: s.debtorId, reason: 'UU PDP access request (portal)', details: { request_id: request.id, reference: request.reference, accounts: rows.accounts.length, contacts: rows.contacts.length }, at: now });
    return {
      request: toDataRequestView(deps, request),
      generated_at: now.toISOString(),
      data: {
        debtor: { ...plain(rows.debtor), nik: dec(rows.debtor.nik_enc), birth_date: dec(rows.debtor.birth_date_enc) },
        contacts: rows.contacts.map((c) => ({ ...plain(c), value: dec(c.value_enc) })),
        addresses: rows.addresses.map((a) => ({ ...plain(a), address: dec(a.address_enc) })),
        accounts: rows.accounts.map((a) => plain(a)),
        schedule: rows.schedule.map((r) => plain(r)),
        payments: rows.payments.map((p) => plain(p, ['idempotency_key'])),
        promises: rows.promises.map((p) => plain(p)),
        disputes: rows.disputes.map((d) => plain(d)),
        interactions: rows.interactions.map((i) => plain(i)),
        contact_hours: rows.contactHours ? plain(rows.contactHours) : null,
        data_requests: rows.dataRequests.map((r) => toDataRequestView(deps, r)),
      },
    };
  });
}

/** A correction request: recorded (the debtor's words encrypted) for staff review; nothing is changed automatically. */
export async function requestCorrection(deps: AppDeps, s: DebtorSession, input: { field: string; correctValue: string; note: string | null }) {
  const now = deps.now();
  return deps.db.kysely.transaction().execute(async (trx) => {
    const details = { field: input.field, correct_value: input.correctValue, note: input.note };
    const r = await repo.insertDataRequest(trx, { reference: newReference('PDP'), debtorId: s.debtorId, kind: 'correction', status: 'open', detailsEnc: deps.cipher.encrypt(JSON.stringify(details)), now, dueAt: dueAt(now), resolution: null });
    await audit(trx, { actor: debtorActor(s), action: 'pdp.correction_requested', entityType: 'debtor', entityId: s.debtorId, reason: 'UU PDP correction request (portal)', details: { request_id: r.id, reference: r.reference, field: input.field }, at: now });
    return toDataRequestView(deps, r);
  });
}

/**
 * Consent withdrawal: opts the debtor out of every electronic channel (SMS, WhatsApp, voice, email) at once, and
 * records the request for compliance to confirm. Legally required notices (formal letters, court documents) do not
 * use these channels and remain possible.
 */
export async function withdrawConsent(deps: AppDeps, s: DebtorSession, note: string | null) {
  await updateContactPreferences(deps, s, { channels: Object.fromEntries(CONTACT_CHANNELS.map((c) => [c, 'opted_out'])) }, 'portal_consent_withdrawal');
  const now = deps.now();
  return deps.db.kysely.transaction().execute(async (trx) => {
    const r = await repo.insertDataRequest(trx, {
      reference: newReference('PDP'),
      debtorId: s.debtorId,
      kind: 'consent_withdrawal',
      status: 'open',
      detailsEnc: deps.cipher.encrypt(JSON.stringify({ note, channels_opted_out: CONTACT_CHANNELS })),
      now,
      dueAt: dueAt(now),
      resolution: null,
    });
    await audit(trx, { actor: debtorActor(s), action: 'pdp.consent_withdrawn', entityType: 'debtor', entityId: s.debtorId, reason: 'UU PDP consent withdrawal (portal)', details: { request_id: r.id, reference: r.reference, channels_opted_out: CONTACT_CHANNELS }, at: now });
    return toDataRequestView(deps, r);
  });
}

export async function ownDataRequests(deps: AppDeps, s: DebtorSession) {
  return (await repo.dataRequestsOfDebtor(deps.db.kysely, s.debtorId)).map((r) => toDataRequestView(deps, r));
}

/** The compliance queue, oldest first, one keyset page; the listing itself is audited (it shows debtors' words). */
export async function listForStaff(deps: AppDeps, actor: Actor, f: { status: DataRequestStatus | null; kind: DataRequestKind | null; cursor: string | null; limit: number }) {
  const after = f.cursor ? decodeCursor(f.cursor) : null;
  const rows = await repo.listDataRequests(deps.db.kysely, { status: f.status, kind: f.kind, after, limit: f.limit });
  await audit(deps.db.kysely, { actor, action: 'pdp.requests_listed', entityType: 'data_subject_request', details: { count: rows.length, status: f.status, kind: f.kind }, at: deps.now() });
  const last = rows.length === f.limit ? rows[rows.length - 1] : undefined;
  return { items: rows.map((r) => toDataRequestView(deps, r)), next_cursor: last ? Buffer.from(`${last.created_at.toISOString()}|${last.id}`).toString('base64url') : null };
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(at ?? '');
  if (!id || Number.isNaN(createdAt.getTime())) throw new AppError('TAGIH_VALIDATION', 'invalid cursor', { field: 'cursor' });
  return { createdAt, id };
}

/** Closes an open request with the staff member's resolution; audited. */
export async function closeRequest(deps: AppDeps, actor: Actor, id: string, resolution: string) {
  const now = deps.now();
  return deps.db.kysely.transaction().execute(async (trx) => {
    const r = await repo.dataRequestForUpdate(trx, id);
    if (!r) throw new AppError('TAGIH_NOT_FOUND', `data request ${id} not found`);
    if (r.status === 'closed') throw new AppError('TAGIH_CONFLICT', `data request ${r.reference} is already closed`);
    const closed = await repo.closeDataRequest(trx, id, actor.id, resolution, now);
    await audit(trx, { actor, action: 'pdp.request_closed', entityType: 'data_subject_request', entityId: id, reason: resolution, details: { reference: r.reference, kind: r.kind, debtor_id: r.debtor_id }, at: now });
    return toDataRequestView(deps, closed);
  });
}
