import { DateTime, IANAZone } from 'luxon';

/**
 * The calendar date (`YYYY-MM-DD`) of `instant` in `zone`, which is what "today" means to a debtor in that zone;
 * `null` for an unknown IANA zone. Callers own the clock and pass `instant` in.
 * @example localDate(new Date('2026-03-01T18:30:00Z'), 'Asia/Jayapura') === '2026-03-02'
 */
export function localDate(instant: Date, zone: string): string | null {
  if (!IANAZone.isValidZone(zone)) return null;
  return DateTime.fromJSDate(instant, { zone }).toISODate();
}

/** True for a real calendar date written `YYYY-MM-DD` (rejects `2026-02-30`). */
export function isIsoDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && DateTime.fromISO(value, { zone: 'UTC' }).isValid;
}
