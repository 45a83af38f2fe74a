import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { CHANNELS, PURPOSES, WEEKDAYS, type Channel } from './channels.ts';
import { indonesianCalendar } from './default-calendar.ts';
import { evaluateContact } from './evaluate.ts';
import { ID_OJK_POLICY, US_REG_F_POLICY } from './presets.ts';
import type { ContactPolicy } from './policy.ts';
import type { ContactAttempt, ContactRequest, OutsideWindowConsent } from './request.ts';
import { CLEAR_DEBTOR, OWN_POINT } from './test-support.ts';

const calendar = indonesianCalendar();
const ZONES = [
  'Asia/Jakarta',
  'Asia/Pontianak',
  'Asia/Makassar',
  'Asia/Jayapura',
  'America/New_York',
  'Europe/London',
  'Australia/Lord_Howe',
  'Asia/Kathmandu',
  'Pacific/Chatham',
  'UTC',
] as const;

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const FROM = Date.UTC(2025, 11, 1);
const TO = Date.UTC(2027, 1, 1);

/** A tight policy so caps actually bite inside short generated histories. */
const TIGHT: ContactPolicy = {
  ...ID_OJK_POLICY,
  name: 'tight',
  caps: { perChannelPerDay: { sms: 1, voice: 2 }, totalPerDay: 3, perChannelPer7Days: { sms: 3, whatsapp: 4 }, totalPer7Days: 8 },
  regF: { channels: ['voice'], maxAttempts: 4, days: 7, quietDaysAfterConversation: 3 },
};
const POLICIES = [ID_OJK_POLICY, US_REG_F_POLICY, TIGHT] as const;

const arbInstant = fc.integer({ min: FROM, max: TO }).map((ms) => new Date(ms));
const arbChannel = fc.constantFrom<Channel>(...CHANNELS);

function arbHistory(at: Date): fc.Arbitrary<ContactAttempt[]> {
  return fc.array(
    fc.record({
      at: fc.integer({ min: at.getTime() - 9 * DAY, max: at.getTime() }).map((ms) => new Date(ms)),
      channel: arbChannel,
      outcome: fc.constantFrom('no_answer', 'conversation', 'delivered', 'failed' as const),
    }),
    { maxLength: 12 },
  );
}

function arbConsents(at: Date): fc.Arbitrary<OutsideWindowConsent[]> {
  return fc.array(
    fc
      .record({
        channel: arbChannel,
        start: fc.integer({ min: at.getTime() - DAY, max: at.getTime() + 4 * DAY }),
        length: fc.integer({ min: MINUTE, max: 6 * 60 * MINUTE }),
      })
      .map(({ channel, start, length }) => ({ channel, validFrom: new Date(start), validUntil: new Date(start + length) })),
    { maxLength: 2 },
  );
}

/** Local wall times where bugs live: either side of every window edge and of midnight. */
const EDGE_MINUTES = [0, 7 * 60 + 59, 8 * 60, 19 * 60 + 59, 20 * 60, 20 * 60 + 59, 21 * 60, 23 * 60 + 59] as const;

/** Half uniform instants, half instants a few seconds around a local edge in the debtor's zone. */
function arbInstantIn(zone: string): fc.Arbitrary<Date> {
  const nearEdge = fc
    .record({ day: fc.integer({ min: 0, max: Math.floor((TO - FROM) / DAY) }), edge: fc.constantFrom(...EDGE_MINUTES), jitter: fc.integer({ min: -90, max: 90 }) })
    .map(({ day, edge, jitter }) => {
      const date = DateTime.fromMillis(FROM + day * DAY, { zone: 'UTC' });
      const local = DateTime.fromObject({ year: date.year, month: date.month, day: date.day, hour: Math.floor(edge / 60), minute: edge % 60 }, { zone });
      return new Date(local.toMillis() + jitter * 1000);
    });
  return fc.oneof(arbInstant, nearEdge);
}

const arbCase = fc
  .record({ policy: fc.constantFrom(...POLICIES), zone: fc.constantFrom(...ZONES), channel: arbChannel, purpose: fc.constantFrom(...PURPOSES) })
  .chain((b) => arbInstantIn(b.zone).map((at) => ({ ...b, at })))
  .chain((base) =>
    fc.record({ history: arbHistory(base.at), consents: arbConsents(base.at) }).map(({ history, consents }) => ({
      policy: base.policy,
      req: {
        at: base.at,
        zone: base.zone,
        channel: base.channel,
        purpose: base.purpose,
        contactPoint: OWN_POINT,
        debtor: { ...CLEAR_DEBTOR, outsideWindowConsents: consents },
        history,
      } satisfies ContactRequest,
    })),
  );

/** Local wall clock via Intl — an oracle independent of the Luxon code under test. */
function wallClock(at: Date, zone: string): { date: string; minutes: number; weekday: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      weekday: 'short',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
    weekday: String(parts.weekday).toLowerCase().slice(0, 3),
  };
}

const minutesOf = (clock: string): number => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3));

describe('contact policy properties', () => {
  it('never allows a contact outside the window, on a blocked weekday or on a holiday (without consent)', () => {
    fc.assert(
      fc.property(arbCase, ({ policy, req }) => {
        const noConsent = { ...req, debtor: CLEAR_DEBTOR };
        const d = evaluateContact(policy, calendar, noConsent);
        if (!d.allowed) return;
        const wall = wallClock(req.at, req.zone);
        const window = policy.windows[req.channel];
        expect(window).not.toBeNull();
        if (window === null) return;
        expect(wall.minutes).toBeGreaterThanOrEqual(minutesOf(window.start));
        expect(wall.minutes).toBeLessThan(minutesOf(window.end));
        expect(policy.allowedWeekdays).toContain(wall.weekday as (typeof WEEKDAYS)[number]);
        const holiday = calendar.isHoliday(wall.date);
        if (holiday?.kind === 'holiday') expect(policy.holidays.blockNationalHolidays).toBe(false);
        if (holiday?.kind === 'collective_leave') expect(policy.holidays.blockCollectiveLeave).toBe(false);
      }),
      { numRuns: 400 },
    );
  });

  it('nextAllowedAt is allowed itself and nothing earlier from `at` is', () => {
    fc.assert(
      fc.property(arbCase, fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 5, maxLength: 5 }), ({ policy, req }, fractions) => {
        const d = evaluateContact(policy, calendar, req);
        if (d.allowed) {
          expect(d.nextAllowedAt).toBeNull();
          return;
        }
        if (d.nextAllowedAt === null) return;
        const next = d.nextAllowedAt.getTime();
        expect(next).toBeGreaterThan(req.at.getTime());
        expect(evaluateContact(policy, calendar, { ...req, at: d.nextAllowedAt }).allowed).toBe(true);
        const probes = [next - 1, next - MINUTE, ...fractions.map((f) => req.at.getTime() + Math.floor(f * (next - req.at.getTime())))];
        for (const probe of probes) {
          if (probe < req.at.getTime() || probe >= next) continue;
          expect(evaluateContact(policy, calendar, { ...req, at: new Date(probe) }).allowed, new Date(probe).toISOString()).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a sequence of allowed sends never exceeds a cap', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES).chain((zone) => fc.tuple(arbInstantIn(zone), fc.constant(zone))),
        fc.array(fc.record({ channel: arbChannel, gap: fc.integer({ min: 0, max: 8 * 60 }), talk: fc.boolean() }), { minLength: 10, maxLength: 60 }),
        ([start, zone], steps) => {
          const history: ContactAttempt[] = [];
          let now = start;
          for (const step of steps) {
            const req: ContactRequest = { at: now, zone, channel: step.channel, purpose: 'collect', contactPoint: OWN_POINT, debtor: CLEAR_DEBTOR, history };
            const d = evaluateContact(TIGHT, calendar, req);
            if (d.allowed) {
              history.push({ at: now, channel: step.channel, outcome: step.talk ? 'conversation' : 'no_answer' });
              now = new Date(now.getTime() + step.gap * MINUTE);
            } else {
              now = d.nextAllowedAt ?? new Date(now.getTime() + (step.gap + 1) * MINUTE);
            }
          }
          assertCapsHold(history, zone);
        },
      ),
      { numRuns: 150 },
    );
  });
});

function assertCapsHold(history: readonly ContactAttempt[], zone: string): void {
  const dateOf = (a: ContactAttempt) => wallClock(a.at, zone).date;
  const dayIndex = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY;
  const caps = TIGHT.caps;
  const days = [...new Set(history.map(dateOf))];
  for (const day of days) {
    const d = dayIndex(day);
    const sameDay = history.filter((a) => dateOf(a) === day);
    const week = history.filter((a) => d - dayIndex(dateOf(a)) >= 0 && d - dayIndex(dateOf(a)) < 7);
    expect(sameDay.length).toBeLessThanOrEqual(caps.totalPerDay ?? Infinity);
    expect(week.length).toBeLessThanOrEqual(caps.totalPer7Days ?? Infinity);
    for (const ch of CHANNELS) {
      expect(sameDay.filter((a) => a.channel === ch).length).toBeLessThanOrEqual(caps.perChannelPerDay[ch] ?? Infinity);
      expect(week.filter((a) => a.channel === ch).length).toBeLessThanOrEqual(caps.perChannelPer7Days[ch] ?? Infinity);
    }
    expect(week.filter((a) => a.channel === 'voice').length).toBeLessThanOrEqual(TIGHT.regF?.maxAttempts ?? Infinity);
  }
  // Reg F quiet period: no voice attempt within 3 local days (conversation day = day one) after a voice conversation.
  for (const talk of history.filter((a) => a.channel === 'voice' && a.outcome === 'conversation')) {
    const t = dayIndex(dateOf(talk));
    const later = history.filter((a) => a.channel === 'voice' && a.at > talk.at && dayIndex(dateOf(a)) - t < 3);
    expect(later).toEqual([]);
  }
}
