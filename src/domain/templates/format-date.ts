import type { Language } from './languages.ts';

// Own tables rather than Intl: output must not depend on how much ICU data the Node
// build ships (small-icu builds print English day names for 'id').
const DAYS: Readonly<Record<Language, readonly string[]>> = {
  id: ['Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu', 'Minggu'],
  en: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
};
const MONTHS: Readonly<Record<Language, readonly string[]>> = {
  id: ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

/**
 * A due date as debtors read it, day name first so "Jumat" is not mistaken for another
 * Friday. Takes the calendar date (`YYYY-MM-DD`), not an instant: a due date has no zone.
 * Returns null for anything that is not a real calendar date.
 * @example formatDueDate('2026-03-20', 'id') // 'Jumat, 20 Maret 2026'
 */
export function formatDueDate(isoDate: string, language: Language): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  const isoWeekday = (date.getUTCDay() + 6) % 7;
  return `${DAYS[language][isoWeekday]}, ${day} ${MONTHS[language][month - 1]} ${year}`;
}
