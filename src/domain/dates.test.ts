import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { addDays, compareIsoDate, daysBetween, daysInMonth, isIsoDate, localDateOf, parseIsoDate, startOfLocalDate } from './dates.ts';

const arbDate = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2200-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

describe('isIsoDate / parseIsoDate', () => {
  it.each(['2025-01-01', '2024-02-29', '2000-02-29', '2025-12-31', '0001-01-01'])('accepts %s', (d) => {
    expect(isIsoDate(d)).toBe(true);
    expect(parseIsoDate(d)).toEqual({ ok: true, value: d });
  });

  it.each([
    ['2025-02-30', /does not exist/],
    ['2025-02-29', /does not exist/],
    ['1900-02-29', /does not exist/],
    ['2025-13-01', /does not exist/],
    ['2025-00-10', /does not exist/],
    ['2025-04-31', /does not exist/],
    ['2025-1-1', /YYYY-MM-DD/],
    ['01/02/2025', /YYYY-MM-DD/],
    ['2025-01-01T00:00:00Z', /YYYY-MM-DD/],
    ['', /empty/],
  ])('rejects %s', (d, message) => {
    expect(isIsoDate(d)).toBe(false);
    const r = parseIsoDate(d);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });

  it('trims surrounding spaces in parseIsoDate', () => {
    expect(parseIsoDate(' 2025-03-01 ')).toEqual({ ok: true, value: '2025-03-01' });
  });

  it('agrees with luxon on validity (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), (y, m, d) => {
        const s = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
        expect(isIsoDate(s)).toBe(DateTime.fromISO(s, { zone: 'utc' }).isValid);
      }),
    );
  });
});

describe('arithmetic', () => {
  it('counts days across month ends and leap days', () => {
    expect(daysBetween('2025-01-31', '2025-03-01')).toBe(29);
    expect(daysBetween('2024-01-31', '2024-03-01')).toBe(30);
    expect(daysBetween('2025-03-01', '2025-01-31')).toBe(-29);
    expect(daysBetween('2024-12-31', '2025-01-01')).toBe(1);
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
    expect(daysInMonth(2100, 2)).toBe(28);
  });

  it('throws on malformed input (programming error, validated at the edge)', () => {
    expect(() => daysBetween('2025-02-30', '2025-03-01')).toThrow(RangeError);
    expect(() => addDays('2025-01-01', 0.5)).toThrow(RangeError);
  });

  it('addDays and daysBetween are inverse and match luxon (property)', () => {
    fc.assert(
      fc.property(arbDate, fc.integer({ min: -20_000, max: 20_000 }), (d, n) => {
        const later = addDays(d, n);
        expect(isIsoDate(later)).toBe(true);
        expect(daysBetween(d, later)).toBe(n);
        expect(later).toBe(DateTime.fromISO(d, { zone: 'utc' }).plus({ days: n }).toISODate());
        expect(compareIsoDate(d, later)).toBe(n > 0 ? -1 : n < 0 ? 1 : 0);
      }),
    );
  });
});

describe('localDateOf', () => {
  it('places an instant on the calendar of each Indonesian zone', () => {
    const instant = new Date('2025-01-01T16:30:00Z');
    expect(localDateOf(instant, 'Asia/Jakarta')).toBe('2025-01-01'); // 23:30 WIB
    expect(localDateOf(instant, 'Asia/Makassar')).toBe('2025-01-02'); // 00:30 WITA
    expect(localDateOf(instant, 'Asia/Jayapura')).toBe('2025-01-02');
    expect(localDateOf(instant, 'UTC')).toBe('2025-01-01');
  });

  it('throws on an unknown zone or invalid date', () => {
    expect(() => localDateOf(new Date('2025-01-01T00:00:00Z'), 'Asia/Nowhere')).toThrow(RangeError);
    expect(() => localDateOf(new Date(Number.NaN), 'Asia/Jakarta')).toThrow(RangeError);
  });
});

describe('startOfLocalDate', () => {
  it('begins a date at local midnight in each Indonesian zone', () => {
    expect(startOfLocalDate('2026-12-01', 'Asia/Jakarta').toISOString()).toBe('2026-11-30T17:00:00.000Z');
    expect(startOfLocalDate('2026-12-01', 'Asia/Makassar').toISOString()).toBe('2026-11-30T16:00:00.000Z');
    expect(startOfLocalDate('2026-12-01', 'Asia/Jayapura').toISOString()).toBe('2026-11-30T15:00:00.000Z');
  });

  it('is the first instant localDateOf places on that date (property)', () => {
    const zones = fc.constantFrom('Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura', 'UTC', 'America/Sao_Paulo');
    fc.assert(
      fc.property(arbDate, zones, (d, zone) => {
        const start = startOfLocalDate(d, zone);
        expect(localDateOf(start, zone)).toBe(d);
        expect(localDateOf(new Date(start.getTime() - 1), zone)).toBe(addDays(d, -1));
      }),
    );
  });

  it('throws on an unknown zone or a malformed date', () => {
    expect(() => startOfLocalDate('2026-12-01', 'Asia/Nowhere')).toThrow(RangeError);
    expect(() => startOfLocalDate('2026-13-01', 'Asia/Jakarta')).toThrow(RangeError);
  });
});
