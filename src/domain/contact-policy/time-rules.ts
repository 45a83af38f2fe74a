import type { DateTime } from 'luxon';
import type { BlockReason } from './block-reasons.ts';
import { WEEKDAYS, type Channel } from './channels.ts';
import type { HolidayCalendar } from './holiday-calendar.ts';
import { localMsOfDay, parseClock } from './local-time.ts';
import type { ContactPolicy } from './policy.ts';
import type { OutsideWindowConsent, PreferredHours } from './request.ts';

export type TimeReason = Extract<BlockReason, 'outside_hours' | 'non_working_day' | 'national_holiday' | 'collective_leave'>;

/** True when the local wall time is inside the channel's `[start, end)` window. */
export function inWindow(policy: ContactPolicy, channel: Channel, local: DateTime): boolean {
  const window = policy.windows[channel];
  if (window === null) return false;
  const ms = localMsOfDay(local);
  return ms >= parseClock(window.start) * 60_000 && ms < parseClock(window.end) * 60_000;
}

/** The day-level time rules for a local date (weekday and holidays); constant across the day. */
export function dayReasons(policy: ContactPolicy, calendar: HolidayCalendar, local: DateTime): TimeReason[] {
  const reasons: TimeReason[] = [];
  const weekday = WEEKDAYS[local.weekday - 1];
  if (weekday === undefined || !policy.allowedWeekdays.includes(weekday)) reasons.push('non_working_day');
  if (policy.holidays.blockNationalHolidays || policy.holidays.blockCollectiveLeave) {
    const holiday = calendar.isHoliday(local.toISODate() ?? '');
    if (holiday?.kind === 'holiday' && policy.holidays.blockNationalHolidays) reasons.push('national_holiday');
    if (holiday?.kind === 'collective_leave' && policy.holidays.blockCollectiveLeave) reasons.push('collective_leave');
  }
  return reasons;
}

/** Hours, weekday and holiday rules at one local instant. */
export function timeReasons(policy: ContactPolicy, calendar: HolidayCalendar, channel: Channel, local: DateTime): TimeReason[] {
  // A disabled channel is reported once, as the standing `channel_disabled`, not as hours.
  const closed = policy.windows[channel] !== null && !inWindow(policy, channel, local);
  const reasons: TimeReason[] = closed ? ['outside_hours'] : [];
  return [...reasons, ...dayReasons(policy, calendar, local)];
}

/** Whether the debtor's prior consent lifts the time rules for this channel at `at`. */
export function consentCovers(
  policy: ContactPolicy,
  consents: readonly OutsideWindowConsent[] | undefined,
  channel: Channel,
  at: Date,
): boolean {
  if (!policy.allowOutsideWindowWithConsent || consents === undefined) return false;
  const t = at.getTime();
  return consents.some((c) => c.channel === channel && c.validFrom.getTime() <= t && t < c.validUntil.getTime());
}

/**
 * The policy as it applies to one debtor's contact: the channel's window cut to the debtor's preferred hours when they
 * overlap it (calls and messages only — a field visit keeps its window). The rest of the engine then treats the
 * narrower window exactly like the policy's own, so `outside_hours` and `nextAllowedAt` follow it.
 */
export function withPreferredHours(policy: ContactPolicy, channel: Channel, preferred: PreferredHours | undefined): ContactPolicy {
  const window = policy.windows[channel];
  if (preferred === undefined || window === null || channel === 'field') return policy;
  const start = Math.max(parseClock(window.start), parseClock(preferred.start));
  const end = Math.min(parseClock(window.end), parseClock(preferred.end));
  if (start >= end) return policy;
  const clock = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  return { ...policy, windows: { ...policy.windows, [channel]: { start: clock(start), end: clock(end) } } };
}
