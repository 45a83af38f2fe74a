import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { OutboxStatus } from '../../db/schema-collection.ts';
import type { ContactAttempt, PreferredHours } from '../../domain/contact-policy/index.ts';
import type { ChannelPreference, ContactPointRow } from './contact-point.ts';
import { interactionAttempt, isChannel, outboxAttempt } from './history.ts';

/** What the policy needs to know about one debtor; `history` grows as contacts are planned or sent in the same page. */
export interface DebtorContext {
  readonly debtorId: string;
  readonly zone: string;
  readonly language: 'id' | 'en';
  readonly contacts: readonly ContactPointRow[];
  readonly openDispute: boolean;
  readonly openComplaint: boolean;
  /** Hours the debtor chose in the portal (`portal_contact_hours`); the policy narrows its window to them. */
  readonly preferredHours?: PreferredHours;
  readonly history: ContactAttempt[];
}

export interface LoadDebtorContextOptions {
  /** Contact history from this instant (Reg F quiet periods reach back up to 31 days). */
  readonly since: Date;
  /**
   * Count planned (`pending`) messages as attempts at their `not_before`: the planner does, so a
   * batch never plans past a cap; the dispatcher does not, only what actually went out counts.
   */
  readonly countPlanned: boolean;
  /** Messages being decided right now, left out of their own history. */
  readonly excludeOutboxIds?: readonly string[];
}

const SENT_STATUSES: readonly OutboxStatus[] = ['sending', 'sent', 'delivered', 'read', 'failed'];

/**
 * Loads the policy context of a page of debtors in six queries whatever the page size: debtors (with preferred hours),
 * contact points, channel preferences, open disputes/complaints, outbox history, interaction history.
 * Debtors that do not exist are absent from the map.
 */
export async function loadDebtorContexts(db: Kysely<Database>, debtorIds: readonly string[], opts: LoadDebtorContextOptions): Promise<Map<string, DebtorContext>> {
  const ids = [...new Set(debtorIds)];
  const out = new Map<string, DebtorContext>();
  if (ids.length === 0) return out;

  const debtors = await db
    .selectFrom('debtors')
    .leftJoin('portal_contact_hours as h', 'h.debtor_id', 'debtors.id')
    .select(['debtors.id', 'debtors.timezone', 'debtors.language', 'h.start_local', 'h.end_local'])
    .where('debtors.id', 'in', ids)
    .execute();
  const contacts = await db
    .selectFrom('debtor_contacts')
    .select(['id', 'debtor_id', 'type', 'is_primary', 'is_verified', 'is_emergency', 'emergency_consent_at', 'created_at'])
    .where('debtor_id', 'in', ids)
    .execute();
  const prefs =
    contacts.length === 0
      ? []
      : await db
          .selectFrom('contact_channel_preferences')
          .select(['contact_id', 'channel', 'consent', 'consent_outside_hours', 'recorded_at'])
          .where(
            'contact_id',
            'in',
            contacts.map((c) => c.id),
          )
          .execute();
  const holds = await db.selectFrom('disputes').select(['debtor_id', 'kind']).where('status', '=', 'open').where('debtor_id', 'in', ids).execute();
  const statuses: OutboxStatus[] = opts.countPlanned ? ['pending', ...SENT_STATUSES] : [...SENT_STATUSES];
  let outboxQuery = db
    .selectFrom('outbox_messages')
    .select(['debtor_id', 'channel', 'purpose', 'status', 'sent_at', 'not_before'])
    .where('debtor_id', 'in', ids)
    .where('status', 'in', statuses)
    .where((eb) => eb.or([eb('sent_at', '>=', opts.since), eb.and([eb('sent_at', 'is', null), eb('not_before', '>=', opts.since)])]));
  if (opts.excludeOutboxIds && opts.excludeOutboxIds.length > 0) outboxQuery = outboxQuery.where('id', 'not in', [...opts.excludeOutboxIds]);
  const sent = await outboxQuery.execute();
  const interactions = await db
    .selectFrom('interactions')
    .select(['debtor_id', 'channel', 'outcome', 'occurred_at'])
    .where('debtor_id', 'in', ids)
    .where('direction', '=', 'outbound')
    .where('occurred_at', '>=', opts.since)
    .execute();

  const prefsByContact = new Map<string, ChannelPreference[]>();
  for (const p of prefs) {
    if (!isChannel(p.channel)) continue;
    const list = prefsByContact.get(p.contact_id) ?? [];
    list.push({ channel: p.channel, consent: p.consent, outsideHours: p.consent_outside_hours, recordedAt: p.recorded_at });
    prefsByContact.set(p.contact_id, list);
  }
  for (const d of debtors) {
    const preferredHours = d.start_local !== null && d.end_local !== null ? { preferredHours: { start: d.start_local, end: d.end_local } } : {};
    out.set(d.id, { debtorId: d.id, zone: d.timezone, language: d.language, contacts: [], openDispute: false, openComplaint: false, ...preferredHours, history: [] });
  }
  for (const c of contacts) {
    const ctx = out.get(c.debtor_id);
    if (!ctx) continue;
    (ctx.contacts as ContactPointRow[]).push({
      id: c.id,
      type: c.type,
      isPrimary: c.is_primary,
      isVerified: c.is_verified,
      isEmergency: c.is_emergency,
      emergencyConsent: c.emergency_consent_at !== null,
      createdAt: c.created_at,
      prefs: prefsByContact.get(c.id) ?? [],
    });
  }
  for (const h of holds) {
    const ctx = out.get(h.debtor_id);
    if (ctx) out.set(h.debtor_id, { ...ctx, openDispute: ctx.openDispute || h.kind === 'dispute', openComplaint: ctx.openComplaint || h.kind === 'complaint' });
  }
  for (const m of sent) {
    const attempt = outboxAttempt(m);
    if (attempt) out.get(m.debtor_id)?.history.push(attempt);
  }
  for (const i of interactions) {
    const attempt = interactionAttempt(i);
    if (attempt) out.get(i.debtor_id)?.history.push(attempt);
  }
  return out;
}
