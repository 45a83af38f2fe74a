import Holidays from 'date-holidays';
import { DateTime } from 'luxon';
import { addDays, daysInMonth } from '../../domain/dates.ts';

/**
 * Calendar helpers the demo needs beyond `src/domain/dates.ts`: month stepping with the
 * day clamped the way lenders clamp due dates (the 31st becomes the 30th or 28th/29th), weekday
 * and national-holiday checks for realistic contact days, and local wall time → UTC instant.
 */

/** Months since year 0 for a `YYYY-MM-DD` date: lets due dates step by month without drift. */
export function monthIndexOf(isoDate: string): number {
  return Number(isoDate.slice(0, 4)) * 12 + Number(isoDate.slice(5, 7)) - 1;
}

/** The date in month `monthIndex` on `dueDay`, clamped to the month's length. */
export function dateInMonth(monthIndex: number, dueDay: number): string {
  const y = Math.floor(monthIndex / 12);
  const m = (monthIndex % 12) + 1;
  const d = Math.min(dueDay, daysInMonth(y, m));
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** ISO weekday, 1 Monday … 7 Sunday. */
export function isoWeekday(isoDate: string): number {
  const day = new Date(`${isoDate}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

let holidays: Holidays | undefined;
const holidayYears = new Map<number, ReadonlySet<string>>();

/** Indonesian national (public) holidays from date-holidays; cached per year. */
export function isNationalHoliday(isoDate: string): boolean {
  const year = Number(isoDate.slice(0, 4));
  let set = holidayYears.get(year);
  if (!set) {
    holidays ??= new Holidays('ID');
    set = new Set(holidays.getHolidays(year).filter((h) => h.type === 'public').map((h) => h.date.slice(0, 10)));
    holidayYears.set(year, set);
  }
  return set.has(isoDate);
}

/** Monday–Saturday and not a national holiday: the only days POJK 22/2023 allows collection contact. */
export function isContactDay(isoDate: string): boolean {
  return isoWeekday(isoDate) !== 7 && !isNationalHoliday(isoDate);
}

const offsets = new Map<string, number>();

/**
 * The UTC instant of a local wall-clock time in an IANA zone. Indonesian zones have had fixed
 * offsets and no DST for decades, so the offset is looked up once per zone: the demo places
 * millions of timestamps and luxon per call dominated the generator's run time.
 */
export function localInstant(isoDate: string, hour: number, minute: number, zone: string): Date {
  let offset = offsets.get(zone);
  if (offset === undefined) {
    const probe = DateTime.fromISO(isoDate, { zone });
    if (!probe.isValid) throw new RangeError(`cannot place ${isoDate} in ${zone}`);
    offset = probe.offset;
    offsets.set(zone, offset);
  }
  const utcMidnight = Date.parse(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(utcMidnight)) throw new RangeError(`not a YYYY-MM-DD date: "${isoDate}"`);
  return new Date(utcMidnight + ((hour * 60 + minute - offset) * 60_000));
}


