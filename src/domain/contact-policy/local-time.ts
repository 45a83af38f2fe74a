import { DateTime } from 'luxon';
import { localDateOf as localDateOfUncached, startOfLocalDate } from '../dates.ts';

/** Minutes since local midnight for an `HH:mm` clock (`24:00` → 1440). */
export function parseClock(clock: string): number {
  const [h, m] = clock.split(':');
  return Number(h) * 60 + Number(m);
}

/**
 * Answers of {@link isValidZone}, which every policy evaluation asks: building a DateTime to find out
 * costs ~20 µs, and the ICU zone data cannot change while the process runs. Bounded so arbitrary
 * input cannot grow it.
 */
const zoneValidity = new Map<string, boolean>();
const ZONE_CACHE_MAX = 1024;
/**
 * True when Luxon (and so the ICU data of this runtime) knows the zone. Luxon's `local` and
 * `system` are refused: they would make a decision depend on the server's zone.
 */
export function isValidZone(zone: string): boolean {
  let valid = zoneValidity.get(zone);
  if (valid === undefined) {
    const lower = zone.toLowerCase();
    valid = zone.length > 0 && lower !== 'local' && lower !== 'system' && DateTime.fromMillis(0, { zone }).isValid;
    if (zoneValidity.size >= ZONE_CACHE_MAX) zoneValidity.clear();
    zoneValidity.set(zone, valid);
  }
  return valid;
}

/**
 * A bounded memo for the zone conversions below. Each is a pure function of its arguments, but each costs a
 * time-zone offset lookup through Intl (10–30 µs), and a batch asks the same few questions thousands of times
 * (every debtor of a zone is evaluated at the same 08:00, against the same window starts of the same days): a
 * page of 5,000 decisions blocked by a holiday week spent ~0.4 ms each in Luxon. Cleared when full, so arbitrary
 * input cannot grow it; the answers never change while the process runs (zone data is fixed at start-up).
 */
function memo<A extends unknown[], R>(size: number, key: (...args: A) => string, f: (...args: A) => R): (...args: A) => R {
  const cache = new Map<string, R>();
  return (...args: A): R => {
    const k = key(...args);
    let v = cache.get(k);
    if (v === undefined) {
      v = f(...args);
      if (cache.size >= size) cache.clear();
      cache.set(k, v);
    }
    return v;
  };
}

const CONVERSION_CACHE_MAX = 50_000;

/** The instant as wall-clock time in `zone` (Luxon DateTimes are immutable, so one may be shared). */
export const toLocal = memo(
  CONVERSION_CACHE_MAX,
  (at: Date, zone: string) => `${zone}|${at.getTime()}`,
  (at: Date, zone: string): DateTime => DateTime.fromJSDate(at, { zone }),
);

/** The local calendar date of an instant in `zone` (see `dates.ts`), memoised like `toLocal`. */
export const localDateOf = memo(
  CONVERSION_CACHE_MAX,
  (instant: Date, zone: string) => `${zone}|${instant.getTime()}`,
  (instant: Date, zone: string): string => localDateOfUncached(instant, zone),
);

// Calendar arithmetic is shared with the rest of the domain.
export { addDays } from '../dates.ts';

/** Milliseconds since local midnight (wall clock), used to test `[start, end)` windows. */
export function localMsOfDay(local: DateTime): number {
  return ((local.hour * 60 + local.minute) * 60 + local.second) * 1000 + local.millisecond;
}


/**
 * The first instant of a local date (`startOfLocalDate`, memoised: the policy asks for the same few dates and zones
 * millions of times). Luxon resolves a midnight that falls in a DST gap forward, which is exactly the first instant
 * that carries that date.
 */
const startOfLocalDayMs = memo(
  CONVERSION_CACHE_MAX,
  (isoDate: string, zone: string) => `${zone}|${isoDate}`,
  (isoDate: string, zone: string) => startOfLocalDate(isoDate, zone).getTime(),
);
export function startOfLocalDay(isoDate: string, zone: string): Date {
  return new Date(startOfLocalDayMs(isoDate, zone));
}

/**
 * The instant at local `minutes` past midnight on a local date. A wall time inside a DST
 * gap resolves forward and an ambiguous one (fold) resolves the way Luxon does; no
 * regulated window starts inside a transition hour, so this is exact in practice.
 */
export function instantAtLocalClock(isoDate: string, minutes: number, zone: string): Date {
  return new Date(instantAtLocalClockMs(isoDate, minutes, zone));
}
const instantAtLocalClockMs = memo(
  CONVERSION_CACHE_MAX,
  (isoDate: string, minutes: number, zone: string) => `${zone}|${isoDate}|${minutes}`,
  (isoDate: string, minutes: number, zone: string) => {
    const [year, month, day] = isoDate.split('-').map(Number);
    const local = DateTime.fromObject({ year, month, day, hour: Math.floor(minutes / 60) % 24, minute: minutes % 60 }, { zone });
    return (minutes >= 1440 ? local.plus({ days: 1 }).startOf('day') : local).toMillis();
  },
);
