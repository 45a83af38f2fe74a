import { describe, expect, it } from 'vitest';
import { evaluateContact } from './evaluate.ts';
import { createHolidayCalendar } from './holiday-calendar.ts';
import { indonesianCalendar } from './default-calendar.ts';
import { ID_OJK_POLICY, US_REG_F_POLICY } from './presets.ts';
import type { ContactPolicy } from './policy.ts';
import { attempt, CLEAR_DEBTOR, OWN_POINT, request } from './test-support.ts';

const calendar = indonesianCalendar();
const check = (policy: ContactPolicy, req: ReturnType<typeof request>) => evaluateContact(policy, calendar, req);
const iso = (d: Date | null) => d?.toISOString() ?? null;

describe('time rules under id-ojk', () => {
  it('blocks a Sunday and points to Monday 08:00 local', () => {
    const d = check(ID_OJK_POLICY, request('2026-11-22T12:00:00+07:00', 'Asia/Jakarta'));
    expect(d).toEqual({ allowed: false, reasons: ['non_working_day'], nextAllowedAt: new Date('2026-11-23T08:00:00+07:00') });
  });

  it('blocks Independence Day (a Monday) and points to the next morning', () => {
    const d = check(ID_OJK_POLICY, request('2026-08-17T10:00:00+07:00', 'Asia/Jakarta'));
    expect(d.reasons).toEqual(['national_holiday']);
    expect(iso(d.nextAllowedAt)).toBe('2026-08-18T01:00:00.000Z');
  });

  it('allows 19:59 WIT and blocks 20:00 WIT (end is exclusive)', () => {
    expect(check(ID_OJK_POLICY, request('2026-11-23T19:59:00+09:00', 'Asia/Jayapura')).allowed).toBe(true);
    expect(check(ID_OJK_POLICY, request('2026-11-23T19:59:59.999+09:00', 'Asia/Jayapura')).allowed).toBe(true);
    const closed = check(ID_OJK_POLICY, request('2026-11-23T20:00:00+09:00', 'Asia/Jayapura'));
    expect(closed.reasons).toEqual(['outside_hours']);
    expect(iso(closed.nextAllowedAt)).toBe('2026-11-23T23:00:00.000Z');
  });

  it('blocks 07:59 WITA with next 08:00 WITA = 00:00Z', () => {
    const d = check(ID_OJK_POLICY, request('2026-11-23T07:59:00+08:00', 'Asia/Makassar'));
    expect(d.reasons).toEqual(['outside_hours']);
    expect(iso(d.nextAllowedAt)).toBe('2026-11-23T00:00:00.000Z');
  });

  it('allows 08:00 sharp and reports null next when allowed', () => {
    expect(check(ID_OJK_POLICY, request('2026-11-23T08:00:00+07:00', 'Asia/Jakarta'))).toEqual({ allowed: true, reasons: [], nextAllowedAt: null });
  });

  it('judges by the debtor-local date: 23:30 WIB on 16 Aug is already 17 Aug in WIT', () => {
    const d = check(ID_OJK_POLICY, request('2026-08-16T23:30:00+07:00', 'Asia/Jayapura'));
    expect(d.reasons).toEqual(['outside_hours', 'national_holiday']);
    expect(iso(d.nextAllowedAt)).toBe('2026-08-17T23:00:00.000Z');
  });

  it('Saturday evening after hours skips Sunday to Monday', () => {
    const d = check(ID_OJK_POLICY, request('2026-11-21T20:30:00+08:00', 'Asia/Makassar'));
    expect(d.reasons).toEqual(['outside_hours']);
    expect(d.nextAllowedAt).toEqual(new Date('2026-11-23T08:00:00+08:00'));
  });

  it('walks across the whole Lebaran 2026 block of holidays and cuti bersama', () => {
    const d = check(ID_OJK_POLICY, request('2026-03-18T09:00:00+07:00', 'Asia/Jakarta'));
    expect(d.reasons).toEqual(['collective_leave']);
    expect(d.nextAllowedAt).toEqual(new Date('2026-03-25T08:00:00+07:00'));
  });

  it('field visits use 08:00 under id-ojk (strictest wins over AFPI 07:00) and 07:00 once widened', () => {
    const at = request('2026-11-23T07:30:00+07:00', 'Asia/Jakarta', { channel: 'field' });
    expect(check(ID_OJK_POLICY, at).reasons).toEqual(['outside_hours']);
    const widened: ContactPolicy = { ...ID_OJK_POLICY, windows: { ...ID_OJK_POLICY.windows, field: { start: '07:00', end: '20:00' } } };
    expect(check(widened, at).allowed).toBe(true);
  });

  it('can let cuti bersama through when the policy says so', () => {
    const relaxed: ContactPolicy = { ...ID_OJK_POLICY, holidays: { blockNationalHolidays: true, blockCollectiveLeave: false } };
    expect(check(relaxed, request('2026-12-24T10:00:00+07:00', 'Asia/Jakarta')).allowed).toBe(true);
    expect(check(ID_OJK_POLICY, request('2026-12-24T10:00:00+07:00', 'Asia/Jakarta')).reasons).toEqual(['collective_leave']);
  });
});

describe('standing reasons', () => {
  it('lists every applicable reason and gives no next instant', () => {
    const d = check(
      ID_OJK_POLICY,
      request('2026-11-22T22:00:00+07:00', 'Asia/Jakarta', {
        contactPoint: { ...OWN_POINT, isDebtorOwn: false, isEmergency: true, emergencyConsent: false, optedOutChannels: ['sms'] },
        debtor: { openDispute: true, openComplaint: true },
      }),
    );
    expect(d.reasons).toEqual([
      'opted_out',
      'third_party_collect',
      'emergency_contact_no_consent',
      'dispute_hold',
      'complaint_hold',
      'outside_hours',
      'non_working_day',
    ]);
    expect(d.nextAllowedAt).toBeNull();
  });

  it('lets an emergency contact with consent be called to locate, never to collect', () => {
    const point = { ...OWN_POINT, isDebtorOwn: false, isEmergency: true, emergencyConsent: true };
    const at = '2026-11-23T10:00:00+07:00';
    expect(check(ID_OJK_POLICY, request(at, 'Asia/Jakarta', { contactPoint: point, purpose: 'locate' })).allowed).toBe(true);
    expect(check(ID_OJK_POLICY, request(at, 'Asia/Jakarta', { contactPoint: point, purpose: 'collect' })).reasons).toEqual(['third_party_collect']);
    expect(check(ID_OJK_POLICY, request(at, 'Asia/Jakarta', { contactPoint: point, purpose: 'reminder' })).reasons).toEqual(['third_party_collect']);
  });

  it('refuses to locate through a third party who is not an emergency contact', () => {
    const point = { ...OWN_POINT, isDebtorOwn: false };
    const d = check(ID_OJK_POLICY, request('2026-11-23T10:00:00+07:00', 'Asia/Jakarta', { contactPoint: point, purpose: 'locate' }));
    expect(d).toEqual({ allowed: false, reasons: ['third_party_not_emergency'], nextAllowedAt: null });
  });

  it('lets a service reply through a dispute hold but not through an opt-out', () => {
    const debtor = { openDispute: true, openComplaint: true };
    const at = '2026-11-23T10:00:00+07:00';
    expect(check(ID_OJK_POLICY, request(at, 'Asia/Jakarta', { debtor, purpose: 'service_reply' })).allowed).toBe(true);
    expect(check(ID_OJK_POLICY, request(at, 'Asia/Jakarta', { debtor, purpose: 'reminder' })).reasons).toEqual(['dispute_hold', 'complaint_hold']);
    const optedOut = { ...OWN_POINT, optedOutChannels: ['whatsapp' as const] };
    expect(check(ID_OJK_POLICY, request(at, 'Asia/Jakarta', { contactPoint: optedOut, channel: 'whatsapp', purpose: 'service_reply' })).reasons).toEqual(['opted_out']);
  });

  it('requires recorded opt-in for channels the policy lists', () => {
    const policy: ContactPolicy = { ...ID_OJK_POLICY, channelsRequiringConsent: ['whatsapp'] };
    const at = '2026-11-23T10:00:00+07:00';
    const noOptIn = { ...OWN_POINT, consentedChannels: ['sms' as const] };
    expect(check(policy, request(at, 'Asia/Jakarta', { channel: 'whatsapp', contactPoint: noOptIn })).reasons).toEqual(['no_consent']);
    expect(check(policy, request(at, 'Asia/Jakarta', { channel: 'whatsapp', contactPoint: { ...OWN_POINT, consentedChannels: undefined } })).reasons).toEqual(['no_consent']);
    expect(check(policy, request(at, 'Asia/Jakarta', { channel: 'whatsapp' })).allowed).toBe(true);
  });

  it('treats a disabled channel as standing', () => {
    const policy: ContactPolicy = { ...ID_OJK_POLICY, windows: { ...ID_OJK_POLICY.windows, field: null } };
    expect(check(policy, request('2026-11-23T10:00:00+07:00', 'Asia/Jakarta', { channel: 'field' }))).toEqual({
      allowed: false,
      reasons: ['channel_disabled'],
      nextAllowedAt: null,
    });
  });
});

describe('prior consent outside the window', () => {
  const consent = { channel: 'voice' as const, validFrom: new Date('2026-11-23T20:30:00+07:00'), validUntil: new Date('2026-11-23T21:30:00+07:00') };
  const debtor = { ...CLEAR_DEBTOR, outsideWindowConsents: [consent] };

  it('allows the consented channel at the consented time only', () => {
    expect(check(ID_OJK_POLICY, request('2026-11-23T21:00:00+07:00', 'Asia/Jakarta', { channel: 'voice', debtor })).allowed).toBe(true);
    expect(check(ID_OJK_POLICY, request('2026-11-23T21:00:00+07:00', 'Asia/Jakarta', { channel: 'sms', debtor })).allowed).toBe(false);
    expect(check(ID_OJK_POLICY, request('2026-11-23T21:30:00+07:00', 'Asia/Jakarta', { channel: 'voice', debtor })).allowed).toBe(false);
  });

  it('makes the consent start the next allowed instant', () => {
    const d = check(ID_OJK_POLICY, request('2026-11-23T20:05:00+07:00', 'Asia/Jakarta', { channel: 'voice', debtor }));
    expect(d.nextAllowedAt).toEqual(consent.validFrom);
  });

  it('is ignored when the policy does not honour consent', () => {
    const strict: ContactPolicy = { ...ID_OJK_POLICY, allowOutsideWindowWithConsent: false };
    const d = check(strict, request('2026-11-23T21:00:00+07:00', 'Asia/Jakarta', { channel: 'voice', debtor }));
    expect(d.reasons).toEqual(['outside_hours']);
    expect(d.nextAllowedAt).toEqual(new Date('2026-11-24T08:00:00+07:00'));
  });
});

describe('frequency caps', () => {
  const policy: ContactPolicy = {
    ...ID_OJK_POLICY,
    caps: { perChannelPerDay: { sms: 2 }, totalPerDay: 3, perChannelPer7Days: { sms: 4 }, totalPer7Days: null },
  };

  it('blocks the third SMS of a local day and reopens at the next window', () => {
    const history = [attempt('2026-11-24T08:10:00+07:00', 'sms'), attempt('2026-11-24T09:00:00+07:00', 'sms', 'failed')];
    const d = check(policy, request('2026-11-24T10:00:00+07:00', 'Asia/Jakarta', { history }));
    expect(d.reasons).toEqual(['daily_cap_channel']);
    expect(d.nextAllowedAt).toEqual(new Date('2026-11-25T08:00:00+07:00'));
    expect(check(policy, request('2026-11-24T10:00:00+07:00', 'Asia/Jakarta', { history, channel: 'email' })).allowed).toBe(true);
  });

  it('counts days in the debtor-local calendar, not UTC', () => {
    // 06:30 WIT on 24 Nov is 23 Nov in UTC; both attempts belong to local 24 Nov.
    const history = [attempt('2026-11-23T21:30:00Z', 'sms'), attempt('2026-11-24T00:30:00Z', 'sms')];
    expect(check(policy, request('2026-11-24T12:00:00+09:00', 'Asia/Jayapura', { history })).reasons).toEqual(['daily_cap_channel']);
  });

  it('applies the total daily cap across channels', () => {
    const history = [attempt('2026-11-24T08:10:00+07:00', 'sms'), attempt('2026-11-24T08:20:00+07:00', 'voice'), attempt('2026-11-24T08:30:00+07:00', 'email')];
    expect(check(policy, request('2026-11-24T10:00:00+07:00', 'Asia/Jakarta', { history, channel: 'voice' })).reasons).toEqual(['daily_cap_total']);
  });

  it('lifts a 7-day cap when the oldest attempt ages out', () => {
    const history = ['2026-11-16', '2026-11-17', '2026-11-19', '2026-11-20'].map((d) => attempt(`${d}T09:00:00+07:00`, 'sms'));
    const d = check(policy, request('2026-11-21T10:00:00+07:00', 'Asia/Jakarta', { history }));
    expect(d.reasons).toEqual(['weekly_cap_channel']);
    // 16 Nov drops out of the 7-day period on 23 Nov (22 Nov is a Sunday anyway).
    expect(d.nextAllowedAt).toEqual(new Date('2026-11-23T08:00:00+07:00'));
  });

  it('ignores attempts after the evaluated instant and service replies', () => {
    const history = [attempt('2026-11-24T11:00:00+07:00', 'sms'), attempt('2026-11-24T11:10:00+07:00', 'sms'), { ...attempt('2026-11-24T08:00:00+07:00', 'sms'), purpose: 'service_reply' as const }];
    expect(check(policy, request('2026-11-24T10:00:00+07:00', 'Asia/Jakarta', { history })).allowed).toBe(true);
  });

  it('never lifts a zero cap, so next is null', () => {
    const zero: ContactPolicy = { ...policy, caps: { ...policy.caps, perChannelPerDay: { sms: 0 } } };
    expect(check(zero, request('2026-11-24T10:00:00+07:00', 'Asia/Jakarta'))).toEqual({ allowed: false, reasons: ['daily_cap_channel'], nextAllowedAt: null });
  });
});

describe('us-reg-f', () => {
  const zone = 'America/New_York';

  it('allows Sunday 20:59 and blocks 21:00 local', () => {
    expect(check(US_REG_F_POLICY, request('2026-11-22T20:59:00-05:00', zone, { channel: 'voice' })).allowed).toBe(true);
    const d = check(US_REG_F_POLICY, request('2026-11-22T21:00:00-05:00', zone, { channel: 'voice' }));
    expect(d.reasons).toEqual(['outside_hours']);
    expect(d.nextAllowedAt).toEqual(new Date('2026-11-23T08:00:00-05:00'));
  });

  it('ignores Indonesian holidays', () => {
    expect(check(US_REG_F_POLICY, request('2026-08-17T10:00:00-04:00', zone)).allowed).toBe(true);
  });

  it('blocks the 8th call attempt within 7 days until the first one ages out', () => {
    const history = ['11-16', '11-17', '11-18', '11-19', '11-20', '11-21', '11-22'].map((d) => attempt(`2026-${d}T10:00:00-05:00`, 'voice', 'no_answer'));
    const d = check(US_REG_F_POLICY, request('2026-11-22T15:00:00-05:00', zone, { channel: 'voice', history }));
    expect(d.reasons).toEqual(['regf_attempts_7d']);
    expect(d.nextAllowedAt).toEqual(new Date('2026-11-23T08:00:00-05:00'));
    expect(check(US_REG_F_POLICY, request('2026-11-22T15:00:00-05:00', zone, { channel: 'sms', history })).allowed).toBe(true);
  });

  it('stays quiet for 7 days after a conversation, the conversation day being day one', () => {
    const history = [attempt('2026-11-10T11:00:00-05:00', 'voice', 'conversation')];
    const d = check(US_REG_F_POLICY, request('2026-11-16T20:00:00-05:00', zone, { channel: 'voice', history }));
    expect(d.reasons).toEqual(['regf_after_conversation']);
    expect(d.nextAllowedAt).toEqual(new Date('2026-11-17T08:00:00-05:00'));
  });

  it('finds 08:00 local across the DST change', () => {
    const d = check(US_REG_F_POLICY, request('2026-11-01T01:30:00-04:00', zone));
    expect(d.nextAllowedAt).toEqual(new Date('2026-11-01T08:00:00-05:00'));
  });
});

describe('search horizon and input checks', () => {
  it('returns null when no weekday is ever allowed', () => {
    const never: ContactPolicy = { ...ID_OJK_POLICY, allowedWeekdays: [] };
    expect(check(never, request('2026-11-23T10:00:00+07:00', 'Asia/Jakarta')).nextAllowedAt).toBeNull();
  });

  it('returns null when every day of the next year is a holiday override', () => {
    const overrides = Array.from({ length: 400 }, (_, i) => ({
      date: new Date(Date.UTC(2026, 10, 23 + i)).toISOString().slice(0, 10),
      kind: 'holiday' as const,
      name: 'closed',
    }));
    const closed = createHolidayCalendar({ country: null, overrides });
    expect(evaluateContact(ID_OJK_POLICY, closed, request('2026-11-23T10:00:00+07:00', 'Asia/Jakarta')).nextAllowedAt).toBeNull();
  });

  it('throws on an unknown zone or invalid instant (edge validation is the caller’s job)', () => {
    expect(() => check(ID_OJK_POLICY, request('2026-11-23T10:00:00Z', 'Asia/Atlantis'))).toThrow(RangeError);
    expect(() => check(ID_OJK_POLICY, request(new Date(Number.NaN), 'Asia/Jakarta'))).toThrow(RangeError);
  });
});
