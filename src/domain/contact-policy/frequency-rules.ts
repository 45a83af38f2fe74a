import type { BlockReason } from './block-reasons.ts';
import type { Channel, Purpose } from './channels.ts';
import { addDays, localDateOf } from './local-time.ts';
import type { ContactPolicy } from './policy.ts';
import type { ContactAttempt } from './request.ts';

export type FrequencyReason = Extract<
  BlockReason,
  'daily_cap_channel' | 'daily_cap_total' | 'weekly_cap_channel' | 'weekly_cap_total' | 'regf_attempts_7d' | 'regf_after_conversation'
>;

/**
 * Past attempts bucketed by debtor-local date, built once per decision. Because every
 * counting period is made of whole local days, the counts are constant within a day, which
 * lets `nextAllowedAt` be computed exactly from a few candidate instants per day.
 */
export interface AttemptLedger {
  /** Attempts on a local date, for one channel or for all. */
  count(date: string, channel?: Channel): number;
  /** Attempts over the local dates `[date - (days-1), date]`, restricted to `channels` when given. */
  countOver(date: string, days: number, channels?: readonly Channel[]): number;
  /** Whether a conversation on one of `channels` happened on a local date in `[date - (days-1), date]`. */
  conversationWithin(date: string, days: number, channels: readonly Channel[]): boolean;
}

/** Builds the ledger from attempts at or before `asOf`; later entries have not happened yet. */
export function buildLedger(history: readonly ContactAttempt[], asOf: Date, zone: string): AttemptLedger {
  const counts = new Map<string, Map<Channel, number>>();
  const conversations = new Map<string, Set<Channel>>();
  for (const attempt of history) {
    if (attempt.at.getTime() > asOf.getTime() || attempt.purpose === 'service_reply') continue;
    const date = localDateOf(attempt.at, zone);
    const day = counts.get(date) ?? new Map<Channel, number>();
    day.set(attempt.channel, (day.get(attempt.channel) ?? 0) + 1);
    counts.set(date, day);
    if (attempt.outcome === 'conversation') {
      const set = conversations.get(date) ?? new Set<Channel>();
      set.add(attempt.channel);
      conversations.set(date, set);
    }
  }

  function count(date: string, channel?: Channel, channels?: readonly Channel[]): number {
    const day = counts.get(date);
    if (!day) return 0;
    if (channel !== undefined) return day.get(channel) ?? 0;
    let total = 0;
    for (const [ch, n] of day) if (channels === undefined || channels.includes(ch)) total += n;
    return total;
  }

  // A period is checked against the few dates that hold attempts (ISO dates order as strings), not day by day:
  // most debtors have no attempts at all, and date arithmetic per day was most of a decision's cost.
  return {
    count: (date, channel) => count(date, channel),
    countOver(date, days, channels) {
      if (counts.size === 0 || days <= 0) return 0;
      const from = addDays(date, -(days - 1));
      let total = 0;
      for (const d of counts.keys()) if (d >= from && d <= date) total += count(d, undefined, channels);
      return total;
    },
    conversationWithin(date, days, channels) {
      if (conversations.size === 0 || days <= 0) return false;
      const from = addDays(date, -(days - 1));
      for (const [d, set] of conversations) if (d >= from && d <= date && channels.some((c) => set.has(c))) return true;
      return false;
    },
  };
}

const reached = (cap: number | null | undefined, used: number): boolean => cap !== null && cap !== undefined && used >= cap;

/**
 * Frequency caps and Reg F on a local date. A cap of N blocks once N attempts are counted,
 * so a sequence of allowed sends can never exceed it. Consumer-initiated `service_reply`
 * is exempt (Reg F counts only calls the collector places; replying is not pressure).
 */
export function frequencyReasons(
  policy: ContactPolicy,
  ledger: AttemptLedger,
  channel: Channel,
  purpose: Purpose,
  date: string,
): FrequencyReason[] {
  if (purpose === 'service_reply') return [];
  const reasons: FrequencyReason[] = [];
  const { caps, regF } = policy;
  if (reached(caps.perChannelPerDay[channel], ledger.count(date, channel))) reasons.push('daily_cap_channel');
  if (reached(caps.totalPerDay, ledger.count(date))) reasons.push('daily_cap_total');
  if (reached(caps.perChannelPer7Days[channel], ledger.countOver(date, 7, [channel]))) reasons.push('weekly_cap_channel');
  if (reached(caps.totalPer7Days, ledger.countOver(date, 7))) reasons.push('weekly_cap_total');
  if (regF !== null && regF.channels.includes(channel)) {
    if (ledger.countOver(date, regF.days, regF.channels) >= regF.maxAttempts) reasons.push('regf_attempts_7d');
    if (regF.quietDaysAfterConversation > 0 && ledger.conversationWithin(date, regF.quietDaysAfterConversation, regF.channels)) {
      reasons.push('regf_after_conversation');
    }
  }
  return reasons;
}

/** True when a cap of zero applies: no history can ever age out enough to allow the contact. */
export function capsNeverLift(policy: ContactPolicy, channel: Channel, purpose: Purpose): boolean {
  if (purpose === 'service_reply') return false;
  const { caps, regF } = policy;
  const zero = (cap: number | null | undefined): boolean => cap === 0;
  return (
    zero(caps.perChannelPerDay[channel]) ||
    zero(caps.totalPerDay) ||
    zero(caps.perChannelPer7Days[channel]) ||
    zero(caps.totalPer7Days) ||
    (regF !== null && regF.channels.includes(channel) && regF.maxAttempts === 0)
  );
}
