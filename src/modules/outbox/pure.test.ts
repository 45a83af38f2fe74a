import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../../domain/contact-policy/index.ts';
import { retryDelayMs } from './backoff.ts';
import { chooseContactPoint, type ContactPointRow } from './contact-point.ts';

describe('retry backoff', () => {
  it('doubles from the base and never exceeds the cap', () => {
    expect([1, 2, 3, 4].map((a) => retryDelayMs(a, { baseMs: 30_000, maxMs: 3_600_000 }))).toEqual([30_000, 60_000, 120_000, 240_000]);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 1, max: 60_000 }), fc.integer({ min: 1, max: 86_400_000 }), (attempt, baseMs, maxMs) => {
        const d = retryDelayMs(attempt, { baseMs, maxMs });
        expect(d).toBeLessThanOrEqual(Math.max(maxMs, 0));
        expect(d).toBeGreaterThan(0);
        expect(retryDelayMs(attempt + 1, { baseMs, maxMs })).toBeGreaterThanOrEqual(d);
      }),
    );
  });
});

const row = fc.record({
  id: fc.uuid(),
  type: fc.constantFrom('phone' as const, 'email' as const),
  isPrimary: fc.boolean(),
  isVerified: fc.boolean(),
  isEmergency: fc.boolean(),
  emergencyConsent: fc.boolean(),
  createdAt: fc.date({ min: new Date('2020-01-01'), max: new Date('2026-01-01'), noInvalidDate: true }),
  prefs: fc.array(
    fc.record({ channel: fc.constantFrom('sms' as const, 'whatsapp' as const, 'email' as const, 'voice' as const), consent: fc.constantFrom('granted' as const, 'opted_out' as const), outsideHours: fc.boolean(), recordedAt: fc.constant(new Date('2025-01-01')) }),
    { maxLength: 3 },
  ),
}) satisfies fc.Arbitrary<ContactPointRow>;

describe('contact point choice', () => {
  it('never sends collection to a third party while the debtor has an own point, and honours every own opt-out', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 6 }), fc.constantFrom(...CHANNELS), fc.constantFrom('collect' as const, 'reminder' as const), (contacts, channel, purpose) => {
        const chosen = chooseContactPoint(contacts, channel, purpose);
        if (channel === 'field') {
          expect(chosen?.point.isDebtorOwn).toBe(true);
          return;
        }
        const type = channel === 'email' ? 'email' : 'phone';
        const own = contacts.filter((c) => c.type === type && !c.isEmergency);
        if (own.length > 0) expect(chosen?.point.isDebtorOwn).toBe(true);
        if (contacts.every((c) => c.type !== type)) expect(chosen).toBeNull();
        if (chosen?.point.isDebtorOwn) {
          const ownOptOut = contacts.some((c) => !c.isEmergency && c.prefs.some((p) => p.channel === channel && p.consent === 'opted_out'));
          expect(chosen.point.optedOutChannels.includes(channel)).toBe(ownOptOut);
        }
      }),
    );
  });

  it('locates through a consenting emergency contact when there is one', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 6 }), (contacts) => {
        const chosen = chooseContactPoint(contacts, 'sms', 'locate');
        if (contacts.some((c) => c.type === 'phone' && c.isEmergency && c.emergencyConsent)) {
          expect(chosen?.point).toMatchObject({ isEmergency: true, emergencyConsent: true });
        }
      }),
    );
  });
});
