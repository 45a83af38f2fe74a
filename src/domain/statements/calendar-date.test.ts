import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inferEntryYear, isRealDate } from './calendar-date.ts';

describe('calendar dates', () => {
  it('rejects days that do not exist', () => {
    expect(isRealDate(2024, 2, 29)).toBe(true);
    expect(isRealDate(2025, 2, 29)).toBe(false);
    expect(isRealDate(1900, 2, 29)).toBe(false);
    expect(isRealDate(2000, 2, 29)).toBe(true);
    expect(isRealDate(2025, 4, 31)).toBe(false);
    expect(isRealDate(2025, 13, 1)).toBe(false);
    expect(isRealDate(2025, 0, 1)).toBe(false);
  });

  it('infers the entry year across year-end in both directions', () => {
    expect(inferEntryYear(2025, 12, 31, 1, 2)).toBe(2026);
    expect(inferEntryYear(2026, 1, 2, 12, 31)).toBe(2025);
    expect(inferEntryYear(2025, 6, 15, 6, 17)).toBe(2025);
    expect(inferEntryYear(2025, 3, 1, 2, 30)).toBeNull();
  });

  it('puts an entry date within half a year of its value date', () => {
    const date = fc.date({ min: new Date('2001-01-01T00:00:00Z'), max: new Date('2098-12-31T00:00:00Z'), noInvalidDate: true });
    fc.assert(
      fc.property(date, fc.integer({ min: -150, max: 150 }), (value, offsetDays) => {
        const entry = new Date(value.getTime() + offsetDays * 86_400_000);
        const year = inferEntryYear(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate(), entry.getUTCMonth() + 1, entry.getUTCDate());
        expect(year).toBe(entry.getUTCFullYear());
      }),
    );
  });
});
