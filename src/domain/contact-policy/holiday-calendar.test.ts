import { describe, expect, it } from 'vitest';
import { createHolidayCalendar } from './holiday-calendar.ts';
import { indonesianCalendar } from './default-calendar.ts';
import { ID_2026_OVERRIDES } from './cuti-bersama-2026.ts';

describe('createHolidayCalendar (ID)', () => {
  const cal = createHolidayCalendar({ country: 'ID' });

  it('knows fixed national holidays', () => {
    expect(cal.isHoliday('2026-08-17')).toEqual({ kind: 'holiday', name: 'Hari Ulang Tahun Kemerdekaan Republik Indonesia' });
    expect(cal.isHoliday('2026-12-25')?.kind).toBe('holiday');
    expect(cal.isHoliday('2027-01-01')?.kind).toBe('holiday');
  });

  it('uses the holiday’s own date, not the sunset start of Islamic holidays', () => {
    // date-holidays starts Isra Mikraj 2026 at sunset on 15 Jan; only 16 Jan is the holiday.
    expect(cal.isHoliday('2026-01-15')).toBeNull();
    expect(cal.isHoliday('2026-01-16')).toEqual({ kind: 'holiday', name: 'Isra Mikraj Nabi Muhammad SAW' });
  });

  it('returns null on ordinary days', () => {
    expect(cal.isHoliday('2026-11-23')).toBeNull();
    expect(cal.isHoliday('2026-08-18')).toBeNull();
  });

  it('lets overrides add cuti bersama and remove a holiday', () => {
    const withOverrides = createHolidayCalendar({
      country: 'ID',
      overrides: [
        { date: '2026-12-24', kind: 'collective_leave', name: 'Cuti Bersama Natal' },
        { date: '2026-08-17', kind: 'working_day', name: 'test correction' },
      ],
    });
    expect(withOverrides.isHoliday('2026-12-24')).toEqual({ kind: 'collective_leave', name: 'Cuti Bersama Natal' });
    expect(withOverrides.isHoliday('2026-08-17')).toBeNull();
    expect(withOverrides.isHoliday('2026-12-25')?.kind).toBe('holiday');
  });

  it('supports an overrides-only calendar', () => {
    const none = createHolidayCalendar({ country: null, overrides: [{ date: '2026-07-04', kind: 'holiday', name: 'x' }] });
    expect(none.isHoliday('2026-08-17')).toBeNull();
    expect(none.isHoliday('2026-07-04')?.name).toBe('x');
  });

  it('gives the same answers with years preloaded', () => {
    const pre = createHolidayCalendar({ country: 'ID', preload: { from: 2025, to: 2027 } });
    for (const d of ['2025-08-17', '2026-03-19', '2027-05-01', '2026-11-23']) expect(pre.isHoliday(d)).toEqual(cal.isHoliday(d));
  });
});

describe('shipped 2026 SKB overrides', () => {
  const cal = indonesianCalendar();

  it('has the eight cuti bersama days of 2026', () => {
    const leave = ID_2026_OVERRIDES.filter((o) => o.kind === 'collective_leave').map((o) => o.date);
    expect(leave).toEqual(['2026-02-16', '2026-03-18', '2026-03-20', '2026-03-23', '2026-03-24', '2026-05-15', '2026-05-28', '2026-12-24']);
    for (const d of leave) expect(cal.isHoliday(d)?.kind).toBe('collective_leave');
  });

  it('fixes Idul Fitri to 21–22 March and adds Easter Sunday', () => {
    expect(cal.isHoliday('2026-03-21')?.kind).toBe('holiday');
    expect(cal.isHoliday('2026-03-22')?.kind).toBe('holiday');
    expect(cal.isHoliday('2026-04-05')?.name).toContain('Paskah');
  });

  it('lets a lender override the shipped list', () => {
    const lender = indonesianCalendar([{ date: '2026-12-24', kind: 'working_day', name: 'we work' }]);
    expect(lender.isHoliday('2026-12-24')).toBeNull();
  });
});
