import { DateTime } from 'luxon';

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

/** The instant as wall-clock time in `zone`. */
export function toLocal(at: Date, zone: string): DateTime {
  return DateTime.fromJSDate(at, { zone });
}

// Calendar arithmetic is shared with the rest of the domain.
export { addDays, localDateOf } from '../dates.ts';

/** Milliseconds since local midnight (wall clock), used to test `[start, end)` windows. */
export function localMsOfDay(local: DateTime): number {
  return ((local.hour * 60 + local.minute) * 60 + local.second) * 1000 + local.millisecond;
}


/**
 * The first instant of a local date. Luxon resolves a midnight that falls in a DST gap
 * forward, which is exactly the first instant that carries that date.
 */
export function startOfLocalDay(isoDate: string, zone: string): Date {
  return DateTime.fromISO(isoDate, { zone }).startOf('day').toJSDate();
}

/**
 * The instant at local `minutes` past midnight on a local date. A wall time inside a DST
 * gap resolves forward and an ambiguous one (fold) resolves the way Luxon does; no
 * regulated window starts inside a transition hour, so this is exact in practice.
 */
export function instantAtLocalClock(isoDate: string, minutes: number, zone: string): Date {
  const [year, month, day] = isoDate.split('-').map(Number);
  const local = DateTime.fromObject({ year, month, day, hour: Math.floor(minutes / 60) % 24, minute: minutes % 60 }, { zone });
  return (minutes >= 1440 ? local.plus({ days: 1 }).startOf('day') : local).toJSDate();
}
