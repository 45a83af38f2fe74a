import type { AppDeps } from '../../app-deps.ts';
import { addDays, localDateOf } from '../../domain/dates.ts';
import { validContactHours } from '../../domain/portal/otp-rules.ts';
import { AppError } from '../../lib/app-error.ts';
import { insertRequest, insertWorkItem, newReference, recordChannelConsent } from '../assistant/index.ts';
import { audit } from '../audit/index.ts';
import { casePolicyOf, createPromise, openDispute } from '../cases/index.ts';
import type { DebtorSession } from './debtor-session.ts';
import * as repo from './repo.ts';

/** Plan (restructuring) requests are reviewed within this many calendar days, like the assistant's. */
export const PLAN_REVIEW_SLA_DAYS = 5;

export const CONTACT_CHANNELS = ['sms', 'whatsapp', 'voice', 'email'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

/** Who the audit log names for portal actions: the debtor, through the portal (no staff user). */
export function debtorActor(s: DebtorSession) {
  return { id: null, label: `debtor:${s.debtorId}` } as const;
}

/** An account of this debtor, or 404 — another debtor's account looks exactly like a missing one. */
export async function ownAccountOr404(deps: AppDeps, s: DebtorSession, accountId: string) {
  const a = await repo.ownAccount(deps.db.kysely, s.debtorId, accountId);
  if (!a) throw new AppError('TAGIH_NOT_FOUND', `account ${accountId} not found`);
  return a;
}

/** A promise to pay through the cases service (its limits, one pending promise per account, audit). */
export async function promiseToPay(deps: AppDeps, s: DebtorSession, accountId: string, amountIdr: bigint, promisedDate: string) {
  await ownAccountOr404(deps, s, accountId);
  return deps.db.kysely.transaction().execute((trx) =>
    createPromise(trx, { accountId, amountIdr, promisedDate, source: 'portal', interactionId: null }, { now: deps.now(), actor: debtorActor(s), policy: casePolicyOf(deps.config) }),
  );
}

/** A dispute or complaint through the cases service: reference, SLA clock and collection hold come from there. */
export async function disputeFromPortal(deps: AppDeps, s: DebtorSession, input: { kind: 'dispute' | 'complaint'; accountId: string | null; description: string }) {
  if (input.accountId !== null) await ownAccountOr404(deps, s, input.accountId);
  return deps.db.kysely.transaction().execute((trx) =>
    openDispute(trx, { kind: input.kind, debtorId: s.debtorId, accountId: input.accountId, category: 'portal', description: input.description, openedVia: 'portal' }, { now: deps.now(), actor: debtorActor(s), policy: casePolicyOf(deps.config) }),
  );
}

/**
 * A restructuring request: the same review record and relief_review work item the assistant creates, marked
 * source 'portal', so staff review both in one queue.
 */
export async function requestPlan(deps: AppDeps, s: DebtorSession, accountId: string, reason: string, affordableIdr: bigint) {
  await ownAccountOr404(deps, s, accountId);
  const now = deps.now();
  const reference = newReference('KRG');
  const slaDate = addDays(localDateOf(now, s.timezone), PLAN_REVIEW_SLA_DAYS);
  return deps.db.kysely.transaction().execute(async (trx) => {
    const workItemId = await insertWorkItem(trx, {
      idempotencyKey: `portal-request:${reference}`,
      kind: 'review',
      queue: 'relief_review',
      debtorId: s.debtorId,
      accountId,
      priority: 20,
      notes: `Pengajuan keringanan/restrukturisasi ${reference} dari portal debitur. Kemampuan bayar: ${affordableIdr.toString()} per bulan. Alasan: ${reason}`,
      dueAt: new Date(now.getTime() + PLAN_REVIEW_SLA_DAYS * 86_400_000),
    });
    const id = await insertRequest(trx, { kind: 'restructuring', conversationId: null, debtorId: s.debtorId, accountId, reason, amountIdr: affordableIdr, details: { reference, sla_date: slaDate }, workItemId, now, source: 'portal' });
    await audit(trx, { actor: debtorActor(s), action: 'portal.plan_requested', entityType: 'account', entityId: accountId, details: { request_id: id, reference, affordable_idr: affordableIdr.toString() }, at: now });
    return { id, reference, slaDate, workItemId };
  });
}

export interface ContactPreferences {
  readonly channels: Record<ContactChannel, 'granted' | 'opted_out'>;
  readonly hours: { readonly start: string; readonly end: string } | null;
}

const CONTACT_TYPE: Record<ContactChannel, 'phone' | 'email'> = { sms: 'phone', whatsapp: 'phone', voice: 'phone', email: 'email' };

/** A channel counts as opted out when any of the debtor's own contact points is opted out on it (the policy's view). */
export async function contactPreferencesOf(deps: AppDeps, s: DebtorSession): Promise<ContactPreferences> {
  const db = deps.db.kysely;
  const contacts = await repo.contactsOf(db, s.debtorId);
  const prefs = await repo.preferencesOf(db, contacts.map((c) => c.id));
  const channels = Object.fromEntries(CONTACT_CHANNELS.map((ch) => [ch, prefs.some((p) => p.channel === ch && p.consent === 'opted_out') ? 'opted_out' : 'granted'])) as Record<ContactChannel, 'granted' | 'opted_out'>;
  const hours = await repo.contactHoursOf(db, s.debtorId);
  return { channels, hours: hours ? { start: hours.start_local, end: hours.end_local } : null };
}

/**
 * Writes channel consent for every own contact point of the matching type into contact_channel_preferences (the
 * table the contact policy reads, through the assistant's writer) and the preferred hours; one audit row.
 */
export async function updateContactPreferences(
  deps: AppDeps,
  s: DebtorSession,
  change: { channels: Partial<Record<ContactChannel, 'granted' | 'opted_out'>>; hours?: { start: string; end: string } | null | undefined },
  source = 'portal',
): Promise<ContactPreferences> {
  if (change.hours && !validContactHours(change.hours.start, change.hours.end)) {
    throw new AppError('TAGIH_VALIDATION', 'hours must be HH:MM, start before end, within 08:00–20:00 local time', { field: 'hours' });
  }
  const now = deps.now();
  await deps.db.kysely.transaction().execute(async (trx) => {
    const contacts = await repo.contactsOf(trx, s.debtorId);
    let written = 0;
    for (const [channel, consent] of Object.entries(change.channels) as [ContactChannel, 'granted' | 'opted_out'][]) {
      for (const c of contacts.filter((x) => x.type === CONTACT_TYPE[channel])) {
        await recordChannelConsent(trx, c.id, channel, consent, now, source);
        written++;
      }
    }
    if (change.hours !== undefined) await repo.saveContactHours(trx, s.debtorId, change.hours, now);
    await audit(trx, { actor: debtorActor(s), action: 'contact.preferences_changed', entityType: 'debtor', entityId: s.debtorId, reason: `changed in the ${source === 'portal' ? 'debtor portal' : source}`, details: { channels: change.channels, hours: change.hours ?? null, preferences_written: written }, at: now });
  });
  return contactPreferencesOf(deps, s);
}
