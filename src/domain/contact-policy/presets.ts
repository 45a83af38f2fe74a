import type { ContactPolicy } from './policy.ts';

/** Preset identifiers. `id-ojk` is the default everywhere a policy is not configured. */
export const POLICY_PRESETS = ['id-ojk', 'us-reg-f'] as const;
export type PolicyPreset = (typeof POLICY_PRESETS)[number];

const ojkWindow = { start: '08:00', end: '20:00' } as const;

/**
 * Indonesia. POJK 22/2023 art. 62 and SEOJK 19/2023: Monday–Saturday, not on national
 * holidays, 08:00–20:00 debtor-local. AFPI allows field visits from 07:00, but where rules
 * differ the stricter wins, so field is 08:00–20:00 here too; an admin may widen field to
 * 07:00 in a copy of this policy.
 *
 * Cuti bersama are blocked too: they are not legal holidays, but most debtors are off work
 * and a collection call then reads as the "disruptive" contact art. 62 forbids.
 *
 * The caps are product defaults, not law: POJK only forbids "continuous, disruptive"
 * contact, and these numbers make that testable. Adjust per lender.
 */
export const ID_OJK_POLICY: ContactPolicy = {
  version: 1,
  name: 'id-ojk',
  windows: { sms: ojkWindow, whatsapp: ojkWindow, email: ojkWindow, voice: ojkWindow, field: ojkWindow },
  allowedWeekdays: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat'],
  holidays: { blockNationalHolidays: true, blockCollectiveLeave: true },
  caps: {
    perChannelPerDay: { sms: 2, whatsapp: 3, email: 2, voice: 3, field: 1 },
    totalPerDay: 6,
    perChannelPer7Days: { sms: 7, whatsapp: 10, email: 7, voice: 15, field: 2 },
    totalPer7Days: 25,
  },
  regF: null,
  allowOutsideWindowWithConsent: true,
  channelsRequiringConsent: [],
  holds: { dispute: true, complaint: true },
};

const regFWindow = { start: '08:00', end: '21:00' } as const;

/**
 * United States, Regulation F: 08:00–21:00 debtor-local any day (FDCPA §805(a)(1)
 * "inconvenient time"), at most 7 call attempts in 7 days per debt and none within 7 days
 * after a telephone conversation (§1006.14(b)(2)). Caller passes per-debt history.
 */
export const US_REG_F_POLICY: ContactPolicy = {
  version: 1,
  name: 'us-reg-f',
  windows: { sms: regFWindow, whatsapp: regFWindow, email: regFWindow, voice: regFWindow, field: regFWindow },
  allowedWeekdays: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
  holidays: { blockNationalHolidays: false, blockCollectiveLeave: false },
  caps: { perChannelPerDay: {}, totalPerDay: null, perChannelPer7Days: {}, totalPer7Days: null },
  regF: { channels: ['voice'], maxAttempts: 7, days: 7, quietDaysAfterConversation: 7 },
  allowOutsideWindowWithConsent: true,
  channelsRequiringConsent: [],
  holds: { dispute: true, complaint: false },
};

/** The preset by name. */
export function policyPreset(preset: PolicyPreset): ContactPolicy {
  switch (preset) {
    case 'id-ojk':
      return ID_OJK_POLICY;
    case 'us-reg-f':
      return US_REG_F_POLICY;
  }
}
