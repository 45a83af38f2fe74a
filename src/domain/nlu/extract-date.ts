import { DateTime } from 'luxon';
import { MONTHS, WEEKDAYS } from './calendar-words.ts';
import { parseNumberWords } from './number-words.ts';

/**
 * Relative and absolute dates in debtors' Indonesian, resolved against an explicit `today` (no clock here).
 *
 * Decisions, so the dialogue layer can rely on them:
 * - a bare day of month (`tanggal 5`) already past this month means next month; a day the month lacks (`tanggal 31`
 *   in November) is clamped to the month's last day;
 * - `5 desember` / `25/12` without a year: this year, or next year if already past; with a year it must exist;
 * - a weekday (`jumat`, `hari jumat`, `jumat ini`) is the next such day, and today if today is that day — a promise
 *   "jumat" made on a Friday is held to that Friday, the stricter reading for a promise to pay;
 * - `senin depan` is that weekday in the next Monday-to-Sunday week; `minggu depan` alone is today + 7 days,
 *   `bulan depan` alone is the same day next month (clamped);
 * - `awal bulan` is the 1st of next month (today if today is the 1st); `akhir bulan` the last day of this month;
 * - `kemarin`, `N hari lalu` give past dates (useful for "already paid"); `gajian`, `nanti`, `secepatnya` give null.
 */

type Day = DateTime<true>;

interface Hit {
  readonly date: Day | null;
  readonly end: number;
}

const TIME_OF_DAY = new Set(['pagi', 'siang', 'sore', 'malam']);
const FORWARD = new Set(['lagi', 'kedepan']);

function parseToday(today: string): Day {
  const parsed = /^\d{4}-\d{2}-\d{2}$/.test(today) ? DateTime.fromISO(today, { zone: 'UTC' }) : null;
  if (parsed === null || !parsed.isValid) throw new RangeError(`extractDate: today must be YYYY-MM-DD, got ${JSON.stringify(today)}`);
  return parsed;
}

/** Small counts: digits (`3`) or words (`tiga`, `sepuluh`); 1..366. */
function readCount(tokens: readonly string[], i: number): { value: number; end: number } | null {
  const token = tokens[i];
  if (token === undefined) return null;
  if (/^[0-9]{1,3}$/.test(token)) {
    const n = Number(token);
    return n >= 1 && n <= 366 ? { value: n, end: i + 1 } : null;
  }
  const words = parseNumberWords(tokens, i);
  if (words === null || words.scaled || words.value < 1n || words.value > 366n) return null;
  return { value: Number(words.value), end: words.end };
}

function dayOfMonth(base: Day, day: number): Day {
  return base.set({ day: Math.min(day, base.daysInMonth) }) as Day;
}

/** `tanggal 5` with no month: this month unless already past, then next month. */
function nextDayOfMonth(today: Day, day: number): Day | null {
  if (day < 1 || day > 31) return null;
  if (day >= today.day) return dayOfMonth(today, day);
  return dayOfMonth(today.startOf('month').plus({ months: 1 }) as Day, day);
}

function fullDate(today: Day, day: number, month: number, year: number | null): Day | null {
  if (year !== null) {
    const d = DateTime.fromObject({ year, month, day }, { zone: 'UTC' });
    return d.isValid ? d : null;
  }
  for (const y of [today.year, today.year + 1]) {
    const d = DateTime.fromObject({ year: y, month, day }, { zone: 'UTC' });
    if (d.isValid && d >= today) return d;
    if (!d.isValid && month !== 2) return null; // 31 April never exists; 29 February may next year
  }
  return null;
}

function readYear(token: string | undefined): number | null {
  if (token === undefined || !/^[0-9]{2}$|^[0-9]{4}$/.test(token)) return null;
  const n = Number(token);
  return token.length === 2 ? 2000 + n : n >= 1900 && n <= 2100 ? n : null;
}

/** `25/12`, `25-12-2026`, `25/12/26`, `2026-12-25`. */
function readNumericDate(today: Day, token: string): Day | null {
  const parts = token.split(/[/-]/);
  if (parts.length < 2 || parts.length > 3 || !/^[0-9/-]+$/.test(token)) return null;
  if (parts[0]!.length === 4 && parts.length === 3) {
    return fullDate(today, Number(parts[2]), Number(parts[1]), Number(parts[0]));
  }
  if (parts[0]!.length > 2 || parts[1]!.length > 2) return null;
  const year = parts.length === 3 ? readYear(parts[2]) : null;
  if (parts.length === 3 && year === null) return null;
  return fullDate(today, Number(parts[0]), Number(parts[1]), year);
}

function weekdayFrom(today: Day, weekday: number, nextWeek: boolean): Day {
  if (nextWeek) return today.startOf('week').plus({ weeks: 1, days: weekday - 1 }) as Day;
  return today.plus({ days: (weekday - today.weekday + 7) % 7 }) as Day;
}

/** Reads `<day> [month [year] | bulan depan | bulan ini]` starting at `i` (the day token). */
function readDayPhrase(tokens: readonly string[], today: Day, i: number, needsMonth: boolean): Hit | null {
  const token = tokens[i];
  if (token === undefined) return null;
  if (/[/-]/.test(token)) {
    const date = readNumericDate(today, token);
    return date === null ? null : { date, end: i + 1 };
  }
  const count = readCount(tokens, i);
  if (count === null || count.value > 31) return null;
  const day = count.value;
  let j = count.end;
  const next = tokens[j];
  if (next === 'bulan') {
    const which = tokens[j + 1];
    if (which === 'depan') return { date: dayOfMonth(today.startOf('month').plus({ months: 1 }) as Day, day), end: j + 2 };
    if (which === 'ini') return { date: dayOfMonth(today, day), end: j + 2 };
    j += 1; // `tanggal 5 bulan desember`
  }
  const monthWord = tokens[j];
  const month = monthWord === undefined ? undefined : MONTHS[monthWord];
  if (month !== undefined) {
    const year = readYear(tokens[j + 1]);
    return { date: fullDate(today, day, month, year), end: year === null ? j + 1 : j + 2 };
  }
  if (needsMonth) return null;
  return { date: nextDayOfMonth(today, day), end: count.end };
}

function readSpan(tokens: readonly string[], today: Day, i: number): Hit | null {
  const token = tokens[i]!;
  let amount: number;
  let unit: string | undefined;
  let j: number;
  const fused: Record<string, [number, string]> = { sehari: [1, 'hari'], seminggu: [1, 'minggu'], sebulan: [1, 'bulan'], setahun: [1, 'tahun'] };
  const single = fused[token];
  if (single !== undefined) {
    [amount, unit] = single;
    j = i + 1;
  } else {
    const count = readCount(tokens, i);
    if (count === null) return null;
    amount = count.value;
    unit = tokens[count.end];
    j = count.end + 1;
  }
  if (unit !== 'hari' && unit !== 'minggu' && unit !== 'bulan' && unit !== 'tahun') return null;
  const within = tokens[i - 1] === 'dalam';
  let direction = 0;
  const after = tokens[j];
  if (after !== undefined && FORWARD.has(after)) direction = 1;
  else if (after === 'ke' && tokens[j + 1] === 'depan') { direction = 1; j += 1; }
  else if (after === 'lalu' || after === 'kemarin') direction = -1;
  else if (after === 'yang' && tokens[j + 1] === 'lalu') { direction = -1; j += 1; }
  else if (within) { direction = 1; j -= 1; }
  if (direction === 0) return null;
  const key = unit === 'hari' ? 'days' : unit === 'minggu' ? 'weeks' : unit === 'bulan' ? 'months' : 'years';
  return { date: today.plus({ [key]: direction * amount }) as Day, end: j + 1 };
}

function readAt(tokens: readonly string[], today: Day, i: number): Hit | null {
  const token = tokens[i]!;
  const next = tokens[i + 1];
  switch (token) {
    case 'hari':
      if (next === 'ini') return { date: today, end: i + 2 };
      if (next === 'minggu') return { date: weekdayFrom(today, 7, tokens[i + 2] === 'depan'), end: i + 2 };
      return null;
    case 'sekarang':
    case 'tadi':
      return { date: today, end: i + 1 };
    case 'nanti':
      return next !== undefined && TIME_OF_DAY.has(next) ? { date: today, end: i + 2 } : null;
    case 'pagi':
    case 'siang':
    case 'sore':
    case 'malam':
      return next === 'ini' ? { date: today, end: i + 2 } : null;
    case 'besok':
      if (next === 'lusa') return { date: today.plus({ days: 2 }) as Day, end: i + 2 };
      return { date: today.plus({ days: 1 }) as Day, end: i + 1 };
    case 'lusa':
      return { date: today.plus({ days: 2 }) as Day, end: i + 1 };
    case 'kemarin':
      if (next === 'lusa') return { date: today.minus({ days: 2 }) as Day, end: i + 2 };
      return { date: today.minus({ days: 1 }) as Day, end: i + 1 };
    case 'minggu':
      if (next === 'depan') return { date: today.plus({ days: 7 }) as Day, end: i + 2 };
      if (next === 'lalu' || next === 'kemarin') return { date: today.minus({ days: 7 }) as Day, end: i + 2 };
      return null;
    case 'bulan':
      if (next === 'depan') return { date: today.plus({ months: 1 }) as Day, end: i + 2 };
      if (next === 'lalu' || next === 'kemarin') return { date: today.minus({ months: 1 }) as Day, end: i + 2 };
      return null;
    case 'akhir': {
      if (next === 'bulan') {
        const nextMonth = tokens[i + 2] === 'depan';
        const base = nextMonth ? today.startOf('month').plus({ months: 1 }) : today;
        return { date: base.endOf('month').startOf('day') as Day, end: i + (nextMonth ? 3 : 2) };
      }
      if (next === 'minggu') return { date: weekdayFrom(today, 6, tokens[i + 2] === 'depan'), end: i + 2 };
      return null;
    }
    case 'awal': {
      if (next !== 'bulan') return null;
      const explicitNext = tokens[i + 2] === 'depan';
      const date = !explicitNext && today.day === 1 ? today : (today.startOf('month').plus({ months: 1 }) as Day);
      return { date, end: i + (explicitNext ? 3 : 2) };
    }
    case 'pertengahan':
    case 'tengah':
      return next === 'bulan' ? { date: nextDayOfMonth(today, 15), end: i + 2 } : null;
    case 'tanggal':
    case 'tgl':
      return readDayPhrase(tokens, today, i + 1, false);
    default:
      break;
  }
  const weekday = WEEKDAYS[token];
  if (weekday !== undefined && token !== 'minggu') {
    const nextWeek = next === 'depan' || (next === 'minggu' && tokens[i + 2] === 'depan');
    return { date: weekdayFrom(today, weekday, nextWeek), end: i + 1 };
  }
  if (/^[0-9]/.test(token) || parseNumberWords(tokens, i) !== null || token.startsWith('se')) {
    const span = readSpan(tokens, today, i);
    if (span !== null) return span;
    if (/^[0-9]/.test(token)) return readDayPhrase(tokens, today, i, true);
  }
  return null;
}

/**
 * Finds the first date mentioned in normalised tokens (see `normalizeUtterance`) and resolves it against `today`
 * (`YYYY-MM-DD`, the debtor's local date). Returns `YYYY-MM-DD`, or `null` when no date is stated (`gajian`).
 * Throws `RangeError` only for a malformed `today`, which is a programming error.
 * @example extractDate(['bayar', 'lusa'], '2026-03-10') === '2026-03-12'
 */
export function extractDate(tokens: readonly string[], today: string): string | null {
  const base = parseToday(today);
  for (let i = 0; i < tokens.length; i++) {
    const hit = readAt(tokens, base, i);
    if (hit !== null && hit.date !== null) return hit.date.toISODate();
  }
  return null;
}
