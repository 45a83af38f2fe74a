import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { extractDate } from './extract-date.ts';
import { normalizeUtterance } from './normalize-utterance.ts';

const date = (s: string, today: string): string | null => extractDate(normalizeUtterance(s).tokens, today);
const WED = '2026-11-18'; // a Wednesday

describe('extractDate', () => {
  it.each([
    ['besok', '2026-11-19'], ['bsk sy tf', '2026-11-19'], ['lusa', '2026-11-20'], ['besok lusa', '2026-11-20'],
    ['hari ini', WED], ['nanti sore', WED], ['sore ini', WED], ['tanggal 25', '2026-11-25'], ['tgl 5 des', '2026-12-05'],
    ['5 desember', '2026-12-05'], ['25/12', '2026-12-25'], ['25-12-2026', '2026-12-25'], ['2026-12-25', '2026-12-25'],
    ['akhir bulan', '2026-11-30'], ['awal bulan depan', '2026-12-01'], ['awal bulan', '2026-12-01'], ['hari jumat', '2026-11-20'],
    ['jumat', '2026-11-20'], ["jum'at", '2026-11-20'], ['senin depan', '2026-11-23'], ['jumat minggu depan', '2026-11-27'],
    ['minggu depan', '2026-11-25'], ['pekan depan', '2026-11-25'], ['hari minggu', '2026-11-22'], ['3 hari lagi', '2026-11-21'],
    ['tiga hari lagi', '2026-11-21'], ['dalam 3 hari', '2026-11-21'], ['seminggu lagi', '2026-11-25'], ['2 minggu lagi', '2026-12-02'],
    ['tanggal 1 bulan depan', '2026-12-01'], ['tanggal 10', '2026-12-10'], ['tgl 31', '2026-11-30'], ['rabu', WED],
    ['rabu depan', '2026-11-25'], ['kemarin', '2026-11-17'], ['udh tf kmrn', '2026-11-17'], ['2 hari lalu', '2026-11-16'],
    ['5 januari', '2027-01-05'], ['tgl 5 bulan desember 2027', '2027-12-05'], ['bulan depan', '2026-12-18'],
    ['pertengahan bulan', '2026-12-15'],
  ])('%s → %s', (text, expected) => {
    expect(date(text, WED)).toBe(expected);
  });

  it.each(['gajian', 'nanti', 'secepatnya', 'bayar 500rb', '0812-3456-7890', '31/02', 'tanggal 45', 'minggu ini', 'sekitar jam 3'])(
    '%s has no date',
    (text) => {
      expect(date(text, WED)).toBeNull();
    },
  );

  it('handles month and year ends', () => {
    expect(date('akhir bulan', '2028-02-10')).toBe('2028-02-29');
    expect(date('tanggal 31', '2026-02-10')).toBe('2026-02-28');
    expect(date('tanggal 5', '2026-12-20')).toBe('2027-01-05');
    expect(date('awal bulan', '2026-12-01')).toBe('2026-12-01');
    expect(date('akhir bulan depan', '2026-01-31')).toBe('2026-02-28');
  });

  it('rejects a malformed today', () => {
    expect(() => extractDate(['besok'], '2026-13-01')).toThrow(RangeError);
  });

  const day = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2090-12-31T00:00:00Z'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));

  it('N hari lagi is today + N', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 366 }), (today, n) => {
        const expected = DateTime.fromISO(today, { zone: 'UTC' }).plus({ days: n }).toISODate();
        expect(date(`saya bayar ${n} hari lagi`, today)).toBe(expected);
      }),
    );
  });

  it('a weekday is the next such day, within a week, today included', () => {
    const names = ['senin', 'selasa', 'rabu', 'kamis', 'jumat', 'sabtu'] as const;
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 5 }), (today, i) => {
        const got = DateTime.fromISO(date(`hari ${names[i]!}`, today)!, { zone: 'UTC' });
        const diff = got.diff(DateTime.fromISO(today, { zone: 'UTC' }), 'days').days;
        expect(got.weekday).toBe(i + 1);
        expect(diff).toBeGreaterThanOrEqual(0);
        expect(diff).toBeLessThan(7);
      }),
    );
  });

  it('tanggal D is never in the past and at most a month ahead', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 31 }), (today, d) => {
        const t = DateTime.fromISO(today, { zone: 'UTC' });
        const got = DateTime.fromISO(date(`tanggal ${d}`, today)!, { zone: 'UTC' });
        expect(got >= t).toBe(true);
        expect(got.diff(t, 'days').days).toBeLessThanOrEqual(31);
        expect(got.day === d || got.day === got.daysInMonth).toBe(true);
      }),
    );
  });
});
