import Holidays from 'date-holidays';

/** What a holiday override says about one local date. */
export const HOLIDAY_OVERRIDE_KINDS = ['holiday', 'collective_leave', 'working_day'] as const;
export type HolidayOverrideKind = (typeof HOLIDAY_OVERRIDE_KINDS)[number];

/**
 * An admin correction for one date: add a national holiday the library lacks or dates
 * differently (Islamic and lunar dates are set by decree), add cuti bersama, or declare a
 * `working_day` to remove a library holiday. An override replaces whatever the library
 * says about that date.
 */
export interface HolidayOverride {
  readonly date: string;
  readonly kind: HolidayOverrideKind;
  readonly name: string;
}

/** A non-working day as the policy sees it. */
export interface HolidayInfo {
  readonly kind: 'holiday' | 'collective_leave';
  readonly name: string;
}

/** Answers "is this local date a holiday?"; built once and shared, it caches per year. */
export interface HolidayCalendar {
  /** `localDate` is the debtor-local `YYYY-MM-DD`; null on an ordinary day. */
  isHoliday(localDate: string): HolidayInfo | null;
}

/** The library's Indonesian name for 27 Rajab is wrong ("Maulid"); this is the SKB name. */
const NAME_FIXES: Readonly<Record<string, string>> = { '27 Rajab': 'Isra Mikraj Nabi Muhammad SAW' };

export interface HolidayCalendarOptions {
  /** ISO 3166 country for `date-holidays`; null for overrides only (e.g. a US policy). */
  readonly country: string | null;
  readonly overrides?: readonly HolidayOverride[];
  /** Years to compute eagerly; other years are computed on first use and cached. */
  readonly preload?: { readonly from: number; readonly to: number };
}

/**
 * Builds a calendar from `date-holidays` plus overrides.
 *
 * Only `public` holidays count. For `ID` the library returns nothing but `public` today; if
 * it ever adds `observance` or `optional` entries they are days people still work, so they
 * must not block contact. Dates are taken from the holiday's own calendar date (the first
 * ten characters of `date`), never from `start`: Islamic holidays "start" at the previous
 * sunset, and a debtor in WIT must not lose the evening before Idul Fitri.
 *
 * Known library gaps for ID, to be covered by overrides: Nyepi and Waisak are listed only
 * to 2027; Easter Sunday (Paskah) is missing; lunar dates may differ by a day from the SKB.
 */
export function createHolidayCalendar(options: HolidayCalendarOptions): HolidayCalendar {
  const library = options.country === null ? null : new Holidays(options.country);
  const overrides = new Map<string, HolidayOverride>();
  for (const o of options.overrides ?? []) overrides.set(o.date, o);
  const years = new Map<number, ReadonlyMap<string, HolidayInfo>>();

  function yearTable(year: number): ReadonlyMap<string, HolidayInfo> {
    const cached = years.get(year);
    if (cached) return cached;
    const table = new Map<string, HolidayInfo>();
    for (const h of library?.getHolidays(year, 'id') ?? []) {
      if (h.type !== 'public') continue;
      const date = h.date.slice(0, 10);
      if (!table.has(date)) table.set(date, { kind: 'holiday', name: NAME_FIXES[h.rule] ?? h.name });
    }
    years.set(year, table);
    return table;
  }

  if (options.preload) {
    for (let y = options.preload.from; y <= options.preload.to; y++) yearTable(y);
  }

  return {
    isHoliday(localDate: string): HolidayInfo | null {
      const override = overrides.get(localDate);
      if (override) {
        return override.kind === 'working_day' ? null : { kind: override.kind, name: override.name };
      }
      return yearTable(Number(localDate.slice(0, 4))).get(localDate) ?? null;
    },
  };
}
