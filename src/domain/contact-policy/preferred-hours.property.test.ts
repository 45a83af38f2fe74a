import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { Channel } from './channels.ts';
import { indonesianCalendar } from './default-calendar.ts';
import { evaluateContact } from './evaluate.ts';
import { ID_OJK_POLICY } from './presets.ts';
import { request } from './test-support.ts';

const calendar = indonesianCalendar();
const ZONES = ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'] as const;
const FROM = Date.UTC(2026, 0, 1);
const TO = Date.UTC(2027, 0, 1);
const clock = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const minutesOf = (at: Date, zone: string) => {
  const l = DateTime.fromJSDate(at, { zone });
  return l.hour * 60 + l.minute;
};

const arbPreferred = fc
  .tuple(fc.integer({ min: 0, max: 47 }), fc.integer({ min: 1, max: 48 }))
  .filter(([a, b]) => a < b)
  .map(([a, b]) => ({ start: clock(a * 30), end: clock(b * 30) }));
const arbCase = fc.record({
  at: fc.integer({ min: FROM, max: TO }).map((ms) => new Date(ms)),
  zone: fc.constantFrom(...ZONES),
  channel: fc.constantFrom<Channel>('sms', 'whatsapp', 'email', 'voice'),
  preferred: arbPreferred,
});

describe('preferred contact hours', () => {
  it('narrow the legal window when they overlap it: nothing is allowed outside both, and nextAllowedAt lies inside both', () => {
    fc.assert(
      fc.property(arbCase, ({ at, zone, channel, preferred }) => {
        const d = evaluateContact(ID_OJK_POLICY, calendar, request(at, zone, { channel, debtor: { openDispute: false, openComplaint: false, preferredHours: preferred } }));
        const legal = ID_OJK_POLICY.windows[channel]!;
        const toMin = (c: string) => Number(c.slice(0, 2)) * 60 + Number(c.slice(3));
        const lo = Math.max(toMin(legal.start), toMin(preferred.start));
        const hi = Math.min(toMin(legal.end), toMin(preferred.end));
        const [from, to] = lo < hi ? [lo, hi] : [toMin(legal.start), toMin(legal.end)];
        const inside = (t: Date) => minutesOf(t, zone) >= from && minutesOf(t, zone) < to;
        if (d.allowed) expect(inside(at)).toBe(true);
        if (d.nextAllowedAt) {
          expect(inside(d.nextAllowedAt)).toBe(true);
          expect(evaluateContact(ID_OJK_POLICY, calendar, request(d.nextAllowedAt, zone, { channel, debtor: { openDispute: false, openComplaint: false, preferredHours: preferred } })).allowed).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('defer a message from the morning to the evening hours the debtor chose, and leave field visits alone', () => {
    const evening = { openDispute: false, openComplaint: false, preferredHours: { start: '18:00', end: '21:00' } };
    // Tuesday 1 December 2026, 09:00 WITA.
    const morning = request('2026-12-01T01:00:00Z', 'Asia/Makassar', { channel: 'whatsapp', debtor: evening });
    const d = evaluateContact(ID_OJK_POLICY, calendar, morning);
    expect(d).toEqual({ allowed: false, reasons: ['outside_hours'], nextAllowedAt: new Date('2026-12-01T10:00:00Z') }); // 18:00 WITA
    // 20:30 is inside the debtor's hours but outside the legal window: still refused.
    expect(evaluateContact(ID_OJK_POLICY, calendar, { ...morning, at: new Date('2026-12-01T12:30:00Z') }).allowed).toBe(false);
    expect(evaluateContact(ID_OJK_POLICY, calendar, { ...morning, channel: 'field' }).allowed).toBe(true);
    // Hours that do not overlap the legal window are ignored rather than blocking every contact.
    const night = { ...evening, preferredHours: { start: '21:00', end: '23:00' } };
    expect(evaluateContact(ID_OJK_POLICY, calendar, { ...morning, debtor: night }).allowed).toBe(true);
  });
});
