/**
 * Calendar-date helpers for statements. Dates here are bank business dates without a time or zone,
 * so plain arithmetic on year/month/day is correct and no clock or zone library is needed.
 */

/** True when year/month/day name a day that exists in the proleptic Gregorian calendar. */
export function isRealDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** `YYYY-MM-DD` for a real date (callers check `isRealDate` first). */
export function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Two-digit years in statements (MT940 `YYMMDD`, CSV `DD-MM-YY`) are read as 20YY: statements this
 * software sees are from this century, and a fixed rule is easier to explain than a sliding pivot.
 */
export function expandTwoDigitYear(yy: number): number {
  return 2000 + yy;
}

/** Days since 0001-01-01 (ordinal), enough to compare how far apart two dates are. */
function ordinal(year: number, month: number, day: number): number {
  let days = 0;
  const y = year - 1;
  days += y * 365 + Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400);
  for (let m = 1; m < month; m++) days += daysInMonth(year, m);
  return days + day;
}

/**
 * The year of an MT940 entry date (`MMDD`, no year) given the value date's full date: the year
 * (value year − 1, same, + 1) that puts the entry date closest to the value date. A payment valued
 * 2025-12-31 and booked `0102` was booked 2026-01-02; valued 2026-01-02 and booked `1231`, 2025-12-31.
 * Returns null when the month/day exists in none of those years (e.g. `0230`).
 */
export function inferEntryYear(valueYear: number, valueMonth: number, valueDay: number, month: number, day: number): number | null {
  const target = ordinal(valueYear, valueMonth, valueDay);
  let best: { year: number; distance: number } | null = null;
  for (const year of [valueYear, valueYear - 1, valueYear + 1]) {
    if (!isRealDate(year, month, day)) continue;
    const distance = Math.abs(ordinal(year, month, day) - target);
    if (best === null || distance < best.distance) best = { year, distance };
  }
  return best === null ? null : best.year;
}
