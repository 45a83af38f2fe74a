import { expandTwoDigitYear, isRealDate, isoDate } from './calendar-date.ts';

/**
 * Date layouts CSV presets can declare. Day-first only: Indonesian banks never write month-first,
 * and guessing between `03/04` orders is how payments get booked a month off. `auto` accepts any of them.
 */
export const DATE_FORMATS = ['auto', 'YYYY-MM-DD', 'DD/MM/YYYY', 'DD-MM-YYYY', 'DD.MM.YYYY', 'DD/MM/YY', 'DD-MM-YY'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

const TIME = String.raw`(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?`;
const PATTERNS: Record<Exclude<DateFormat, 'auto'>, { re: RegExp; order: 'ymd' | 'dmy' }> = {
  'YYYY-MM-DD': { re: new RegExp(String.raw`^(\d{4})-(\d{1,2})-(\d{1,2})${TIME}$`), order: 'ymd' },
  'DD/MM/YYYY': { re: new RegExp(String.raw`^(\d{1,2})/(\d{1,2})/(\d{4})${TIME}$`), order: 'dmy' },
  'DD-MM-YYYY': { re: new RegExp(String.raw`^(\d{1,2})-(\d{1,2})-(\d{4})${TIME}$`), order: 'dmy' },
  'DD.MM.YYYY': { re: new RegExp(String.raw`^(\d{1,2})\.(\d{1,2})\.(\d{4})${TIME}$`), order: 'dmy' },
  'DD/MM/YY': { re: new RegExp(String.raw`^(\d{1,2})/(\d{1,2})/(\d{2})${TIME}$`), order: 'dmy' },
  'DD-MM-YY': { re: new RegExp(String.raw`^(\d{1,2})-(\d{1,2})-(\d{2})${TIME}$`), order: 'dmy' },
};

/**
 * Reads a CSV date cell into `YYYY-MM-DD`, or null when it does not fit the format or names no real day.
 * A time of day after the date (`02/01/2025 14:03`) is ignored: statements book by date.
 * Example: `parseCsvDate('02-01-25', 'auto')` → `'2025-01-02'`.
 */
export function parseCsvDate(raw: string, format: DateFormat): string | null {
  const cell = raw.trim();
  const formats = format === 'auto' ? (Object.keys(PATTERNS) as Exclude<DateFormat, 'auto'>[]) : [format];
  for (const f of formats) {
    const { re, order } = PATTERNS[f];
    const m = re.exec(cell);
    if (!m) continue;
    const [a, b, c] = [m[1]!, m[2]!, m[3]!];
    const year = order === 'ymd' ? Number(a) : c.length === 2 ? expandTwoDigitYear(Number(c)) : Number(c);
    const month = Number(b);
    const day = Number(order === 'ymd' ? c : a);
    return isRealDate(year, month, day) ? isoDate(year, month, day) : null;
  }
  return null;
}
