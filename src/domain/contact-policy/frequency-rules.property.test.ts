import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHANNELS, type Channel } from './channels.ts';
import { buildLedger } from './frequency-rules.ts';
import { addDays, localDateOf } from './local-time.ts';
import type { ContactAttempt } from './request.ts';

const DAY = 86_400_000;
const AS_OF = Date.UTC(2026, 2, 20, 9);
const ZONES = ['Asia/Jakarta', 'Asia/Jayapura', 'America/New_York', 'Pacific/Chatham'] as const;

const arbAttempt: fc.Arbitrary<ContactAttempt> = fc.record({
  at: fc.integer({ min: AS_OF - 20 * DAY, max: AS_OF + 2 * DAY }).map((ms) => new Date(ms)),
  channel: fc.constantFrom<Channel>(...CHANNELS),
  outcome: fc.constantFrom('no_answer', 'conversation', 'delivered' as const),
  purpose: fc.constantFrom('collect', 'reminder', 'service_reply' as const),
});

/** The ledger's periods as the definition says: day by day over `[date - (days-1), date]`. */
function reference(history: readonly ContactAttempt[], zone: string) {
  const counted = history.filter((a) => a.at.getTime() <= AS_OF && a.purpose !== 'service_reply');
  const on = (date: string) => counted.filter((a) => localDateOf(a.at, zone) === date);
  const dates = (date: string, days: number) => Array.from({ length: Math.max(0, days) }, (_, i) => addDays(date, -i));
  return {
    countOver: (date: string, days: number, channels?: readonly Channel[]) =>
      dates(date, days).reduce((n, d) => n + on(d).filter((a) => channels === undefined || channels.includes(a.channel)).length, 0),
    conversationWithin: (date: string, days: number, channels: readonly Channel[]) =>
      dates(date, days).some((d) => on(d).some((a) => a.outcome === 'conversation' && channels.includes(a.channel))),
  };
}

describe('attempt ledger periods', () => {
  it('counts over a period and finds conversations exactly as a day-by-day walk does (property)', () => {
    fc.assert(
      fc.property(
        fc.array(arbAttempt, { maxLength: 15 }),
        fc.constantFrom(...ZONES),
        fc.integer({ min: -3, max: 12 }),
        fc.integer({ min: -1, max: 10 }),
        fc.subarray([...CHANNELS], { minLength: 1 }),
        (history, zone, shift, days, channels) => {
          const ledger = buildLedger(history, new Date(AS_OF), zone);
          const ref = reference(history, zone);
          const date = addDays(localDateOf(new Date(AS_OF), zone), shift);
          expect(ledger.countOver(date, days)).toBe(ref.countOver(date, days));
          expect(ledger.countOver(date, days, channels)).toBe(ref.countOver(date, days, channels));
          expect(ledger.conversationWithin(date, days, channels)).toBe(ref.conversationWithin(date, days, channels));
        },
      ),
      { numRuns: 400 },
    );
  });
});
