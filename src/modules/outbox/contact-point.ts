import type { Channel, ContactPoint, OutsideWindowConsent, Purpose } from '../../domain/contact-policy/index.ts';

/** One recorded preference of a contact point (contact_channel_preferences). */
export interface ChannelPreference {
  readonly channel: Channel;
  readonly consent: 'granted' | 'opted_out';
  readonly outsideHours: boolean;
  readonly recordedAt: Date;
}

/** A debtor contact point as the planner needs it; the address itself stays encrypted in the table. */
export interface ContactPointRow {
  readonly id: string;
  readonly type: 'phone' | 'email';
  readonly isPrimary: boolean;
  readonly isVerified: boolean;
  readonly isEmergency: boolean;
  readonly emergencyConsent: boolean;
  readonly createdAt: Date;
  readonly prefs: readonly ChannelPreference[];
}

/** The contact point chosen for one channel and purpose, in the engine's terms. */
export interface ChosenContact {
  /** null for field visits (the debtor's own address) */
  readonly contactId: string | null;
  readonly point: ContactPoint;
  readonly outsideWindowConsents: readonly OutsideWindowConsent[];
}

/** A consent outside hours is open-ended until revoked (the preference row is then changed). */
const UNTIL_REVOKED = new Date('9999-12-31T00:00:00Z');

function rank(a: ContactPointRow, b: ContactPointRow): number {
  return Number(b.isPrimary) - Number(a.isPrimary) || Number(b.isVerified) - Number(a.isVerified) || a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id);
}

function optedOut(rows: readonly ContactPointRow[]): Channel[] {
  return [...new Set(rows.flatMap((r) => r.prefs.filter((p) => p.consent === 'opted_out').map((p) => p.channel)))];
}

function describe(row: ContactPointRow, channel: Channel, optedOutChannels: readonly Channel[]): ChosenContact {
  return {
    contactId: row.id,
    point: {
      isDebtorOwn: !row.isEmergency,
      isEmergency: row.isEmergency,
      emergencyConsent: row.emergencyConsent,
      optedOutChannels,
      consentedChannels: row.prefs.filter((p) => p.consent === 'granted').map((p) => p.channel),
    },
    outsideWindowConsents: row.prefs
      .filter((p) => p.channel === channel && p.consent === 'granted' && p.outsideHours)
      .map((p) => ({ channel, validFrom: p.recordedAt, validUntil: UNTIL_REVOKED })),
  };
}

/**
 * Picks the number or address a contact goes to. Returns null when the debtor has no contact
 * point of the channel's type at all.
 *
 * - Field visits go to the debtor's own address: always the debtor's own point.
 * - Collect and remind go to the debtor's own point (primary, then verified, then oldest). A
 *   debtor's opt-out from a channel on any of their own numbers counts for all of them: "stop
 *   sending me SMS" is about the person, not one SIM card (UU PDP consent withdrawal).
 * - Locate goes to an emergency contact, preferring one who consented and has not opted out; the
 *   emergency contact's own opt-outs are theirs alone.
 * - When the only point of the type belongs to a third party, it is returned anyway so that the
 *   policy engine blocks it with its own reason (third_party_collect…) and the block is recorded.
 */
export function chooseContactPoint(contacts: readonly ContactPointRow[], channel: Channel, purpose: Purpose): ChosenContact | null {
  if (channel === 'field') {
    return { contactId: null, point: { isDebtorOwn: true, isEmergency: false, emergencyConsent: false, optedOutChannels: [] }, outsideWindowConsents: [] };
  }
  const type = channel === 'email' ? 'email' : 'phone';
  const own = contacts.filter((c) => c.type === type && !c.isEmergency).sort(rank);
  const emergency = contacts.filter((c) => c.type === type && c.isEmergency);
  const ownOptOuts = optedOut(contacts.filter((c) => !c.isEmergency));

  if (purpose === 'locate' && emergency.length > 0) {
    const usable = (c: ContactPointRow) => Number(c.emergencyConsent) * 2 + Number(!c.prefs.some((p) => p.channel === channel && p.consent === 'opted_out'));
    const best = [...emergency].sort((a, b) => usable(b) - usable(a) || rank(a, b))[0]!;
    return describe(best, channel, optedOut([best]));
  }
  const first = own[0];
  if (first) return describe(first, channel, ownOptOuts);
  const third = [...emergency].sort(rank)[0];
  return third ? describe(third, channel, optedOut([third])) : null;
}
