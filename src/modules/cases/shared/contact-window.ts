import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import {
  ID_OJK_POLICY,
  evaluateContact,
  indonesianCalendar,
  validatePolicy,
  type Channel,
  type ContactDecision,
  type ContactPolicy,
  type HolidayCalendar,
} from '../../../domain/contact-policy/index.ts';

/** The active contact policy and holiday calendar, loaded once per request or claim. */
export interface ContactRules {
  readonly policy: ContactPolicy;
  readonly calendar: HolidayCalendar;
  /**
   * Decisions already made with these rules. Without history the decision depends only on instant, zone, channel
   * and holds, so a call list of hundreds of debtors in three zones needs a handful of evaluations.
   */
  readonly memo: Map<string, ContactDecision>;
}

/**
 * Reads the active policy version (falling back to the Indonesian default when none is active or the stored
 * definition no longer validates) and the admin's holiday overrides.
 */
export async function loadContactRules(db: Kysely<Database>): Promise<ContactRules> {
  const [active, overrides] = await Promise.all([
    db.selectFrom('contact_policies').select(['version', 'definition']).where('status', '=', 'active').executeTakeFirst(),
    db.selectFrom('holiday_overrides').select(['date', 'kind', 'name']).execute(),
  ]);
  let policy = ID_OJK_POLICY;
  if (active) {
    const parsed = validatePolicy(typeof active.definition === 'string' ? JSON.parse(active.definition) : active.definition);
    if (parsed.ok) policy = { ...parsed.policy, version: active.version };
  }
  return { policy, calendar: indonesianCalendar(overrides), memo: new Map() };
}

/**
 * May a person contact this debtor on `channel` at `at`? The debtor's own contact point, holds from open
 * disputes/complaints; frequency history is the dispatcher's concern and is not counted here.
 */
export function personContactDecision(rules: ContactRules, req: { at: Date; zone: string; channel: Channel; openDispute: boolean; openComplaint: boolean }): ContactDecision {
  const key = `${req.at.getTime()}|${req.zone}|${req.channel}|${req.openDispute}|${req.openComplaint}`;
  const known = rules.memo.get(key);
  if (known) return known;
  const decision = evaluateContact(rules.policy, rules.calendar, {
    at: req.at,
    zone: req.zone,
    channel: req.channel,
    purpose: 'collect',
    contactPoint: { isDebtorOwn: true, isEmergency: false, emergencyConsent: false, optedOutChannels: [], consentedChannels: [req.channel] },
    debtor: { openDispute: req.openDispute, openComplaint: req.openComplaint },
    history: [],
  });
  rules.memo.set(key, decision);
  return decision;
}
