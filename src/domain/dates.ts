import { DateTime } from 'luxon';
import { fail, ok, type Result } from './result.ts';

/**
 * Business dates (due dates, as-of dates) are plain `YYYY-MM-DD` strings: a due date is a day
 * on the debtor's calendar, not an instant, so it must never carry a time or a zone. Arithmetic
 * goes through a day count on the proleptic Gregorian calendar, which is exact and fast enough
 * for a million-row import; luxon is used where a zone is involved.
 */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

function parts(s: string): { y: number; m: number; d: number } | undefined {
  const match = ISO_DATE.exec(s);
  if (!match) return undefined;
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return undefined;
  return { y, m, d };
}

/** Days in month `m` (1–12) of year `y`, Gregorian leap rules. */
export function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** True for a real calendar date written exactly `YYYY-MM-DD` (so `2025-02-30` is false). */
export function isIsoDate(s: string): boolean {
  return parts(s) !== undefined;
}

/** Validates imported date text; trims surrounding spaces, nothing more lenient than that. */
export function parseIsoDate(s: string): Result<string> {
  const t = s.trim();
  if (t === '') return fail('date is empty');
  if (!ISO_DATE.test(t)) return fail(`date "${s}" is not in YYYY-MM-DD form`);
  if (!isIsoDate(t)) return fail(`date "${s}" does not exist in the calendar`);
  return ok(t);
}

function epochDay(s: string): number {
  const p = parts(s);
  if (!p) throw new RangeError(`not a YYYY-MM-DD date: "${s}"`);
  const date = new Date(0);
  date.setUTCFullYear(p.y, p.m - 1, p.d); // setUTCFullYear keeps years < 100 literal
  return Math.round(date.getTime() / MS_PER_DAY);
}

function fromEpochDay(n: number): string {
  const date = new Date(n * MS_PER_DAY);
  const y = date.getUTCFullYear();
  if (y < 0 || y > 9999) throw new RangeError(`date out of range: year ${y}`);
  return `${String(y).padStart(4, '0')}-${String(date.getUTCMonth() + 1).padStart(2, '0')}-${String(date.getUTCDate()).padStart(2, '0')}`;
}

/**
 * Whole days from `from` to `to` (negative when `to` is earlier).
 * Throws on malformed dates: callers validate at the edge with `parseIsoDate`.
 *
 * @example daysBetween('2025-01-31', '2025-03-01') // 29
 */
export function daysBetween(from: string, to: string): number {
  return epochDay(to) - epochDay(from);
}

/** The date `n` days after `d` (before, for negative `n`). */
export function addDays(d: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`day count must be an integer, got ${n}`);
  return fromEpochDay(epochDay(d) + n);
}

/** -1, 0 or 1; ISO dates also compare correctly as strings, this just says so. */
export function compareIsoDate(a: string, b: string): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The calendar date an instant falls on in an IANA zone — how a UTC timestamp becomes the
 * debtor's business date (23:30 UTC is already tomorrow in Jakarta).
 * Throws on an unknown zone or an invalid Date.
 *
 * @example localDateOf(new Date('2025-01-01T17:30:00Z'), 'Asia/Jakarta') // '2025-01-02'
 */
export function localDateOf(instant: Date, zone: string): string {
  const dt = DateTime.fromJSDate(instant, { zone });
  if (!dt.isValid) throw new RangeError(`cannot place ${String(instant)} in zone "${zone}": ${dt.invalidExplanation ?? dt.invalidReason ?? 'invalid'}`);
  return dt.toFormat('yyyy-MM-dd');
}

/**
 * The instant a calendar date begins in an IANA zone — how a business date (a bucket move, a due date) is placed
 * among timestamps: 2025-01-02 begins at 2025-01-01T16:00Z in Makassar, not at midnight UTC (08:00 there).
 * Throws on an unknown zone or a malformed date.
 *
 * @example startOfLocalDate('2025-01-02', 'Asia/Makassar').toISOString() // '2025-01-01T16:00:00.000Z'
 */
export function startOfLocalDate(isoDate: string, zone: string): Date {
  const dt = DateTime.fromISO(isoDate, { zone }).startOf('day');
  if (!dt.isValid) throw new RangeError(`cannot place ${isoDate} in zone "${zone}": ${dt.invalidExplanation ?? dt.invalidReason ?? 'invalid'}`);
  return dt.toJSDate();
}
