import type { Channel, Weekday } from './channels.ts';

/**
 * A daily contact window in the debtor's local wall-clock time, `[start, end)`:
 * `start` is allowed, `end` is not (08:00–20:00 allows 19:59:59, refuses 20:00).
 * `HH:mm`, 24-hour; `end` may be `24:00`. Overnight windows are not supported on purpose:
 * no regulation we implement allows contact across midnight.
 */
export interface TimeWindow {
  readonly start: string;
  readonly end: string;
}

/**
 * Frequency caps. A `null` or absent entry means "no cap". Counting periods are in the
 * debtor's local calendar: a day is a local date, and the 7-day period is the current
 * local day plus the six before it (Reg F's "seven consecutive days", with the day of the
 * event as day one). Caps therefore only change at local midnight.
 */
export interface FrequencyCaps {
  readonly perChannelPerDay: Partial<Record<Channel, number | null>>;
  readonly totalPerDay: number | null;
  readonly perChannelPer7Days: Partial<Record<Channel, number | null>>;
  readonly totalPer7Days: number | null;
}

/**
 * US Regulation F §1006.14(b) call-frequency presumption, as data: at most `maxAttempts`
 * attempts within `days` consecutive local days, and none within `quietDaysAfterConversation`
 * days after a conversation (the conversation day is day one). Applies to `channels` only.
 */
export interface RegFRules {
  readonly channels: readonly Channel[];
  readonly maxAttempts: number;
  readonly days: number;
  readonly quietDaysAfterConversation: number;
}

/**
 * A versioned contact policy. Stored as data so compliance can change it without a deploy;
 * `version` increments on every saved change and is recorded with each decision.
 */
export interface ContactPolicy {
  readonly version: number;
  readonly name: string;
  /** Per channel; `null` disables the channel entirely. */
  readonly windows: Readonly<Record<Channel, TimeWindow | null>>;
  readonly allowedWeekdays: readonly Weekday[];
  readonly holidays: {
    /** Refuse contact on public holidays of the supplied `HolidayCalendar`. */
    readonly blockNationalHolidays: boolean;
    /** Refuse contact on cuti bersama (collective leave) days from the calendar's overrides. */
    readonly blockCollectiveLeave: boolean;
  };
  readonly caps: FrequencyCaps;
  readonly regF: RegFRules | null;
  /**
   * When true, the debtor's recorded prior consent for a channel lifts the time rules
   * (hours, weekday, holiday) while the consent is valid — POJK 22/2023 art. 62 allows other
   * times "with the consumer's prior consent". Caps, opt-outs and holds still apply.
   */
  readonly allowOutsideWindowWithConsent: boolean;
  /** Channels that need the contact point's recorded consent at all (e.g. WhatsApp opt-in). */
  readonly channelsRequiringConsent: readonly Channel[];
  /** Whether an open dispute / complaint pauses collection contact (service replies still pass). */
  readonly holds: { readonly dispute: boolean; readonly complaint: boolean };
}
