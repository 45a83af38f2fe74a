import { orderReasons, type BlockReason } from './block-reasons.ts';
import { buildLedger, capsNeverLift, frequencyReasons, type AttemptLedger } from './frequency-rules.ts';
import type { HolidayCalendar } from './holiday-calendar.ts';
import { addDays, instantAtLocalClock, isValidZone, localDateOf, localMsOfDay, parseClock, startOfLocalDay, toLocal } from './local-time.ts';
import type { ContactPolicy } from './policy.ts';
import type { ContactDecision, ContactRequest } from './request.ts';
import { standingReasons } from './standing-rules.ts';
import { consentCovers, dayReasons, timeReasons, withPreferredHours } from './time-rules.ts';

/**
 * How far ahead `nextAllowedAt` looks. Longer than any run of Indonesian holidays plus
 * cuti bersama plus a 7-day cap; if nothing is allowed within a year the answer is null.
 */
export const NEXT_ALLOWED_HORIZON_DAYS = 366;

/**
 * Decides whether one contact may happen at `req.at`, with every blocking reason and the
 * earliest instant it would be allowed. Pure: the clock is `req.at`, holidays come from
 * `calendar`, past attempts from `req.history`.
 *
 * Throws RangeError for an invalid `at` or unknown zone: those are caller bugs that must be
 * validated at the edge (the CLI turns them into exit 1), not policy outcomes.
 *
 * @example evaluateContact(ID_OJK_POLICY, calendar, { at, zone: 'Asia/Jayapura', channel: 'sms', purpose: 'collect', contactPoint, debtor, history: [] })
 */
export function evaluateContact(basePolicy: ContactPolicy, calendar: HolidayCalendar, req: ContactRequest): ContactDecision {
  if (Number.isNaN(req.at.getTime())) throw new RangeError('contact policy: invalid instant');
  if (!isValidZone(req.zone)) throw new RangeError(`contact policy: unknown time zone '${req.zone}'`);
  const policy = withPreferredHours(basePolicy, req.channel, req.debtor.preferredHours);

  const standing = standingReasons(policy, req);
  const ledger = buildLedger(req.history, req.at, req.zone);
  const reasons = orderReasons([...standing, ...transientReasons(policy, calendar, req, ledger, req.at)]);
  if (reasons.length === 0) return { allowed: true, reasons: [], nextAllowedAt: null };

  const waitingHelps = standing.length === 0 && !capsNeverLift(policy, req.channel, req.purpose);
  return { allowed: false, reasons, nextAllowedAt: waitingHelps ? findNextAllowed(policy, calendar, req, ledger) : null };
}

/** Time and frequency reasons at instant `t` (history fixed as of `req.at`). */
function transientReasons(
  policy: ContactPolicy,
  calendar: HolidayCalendar,
  req: ContactRequest,
  ledger: AttemptLedger,
  t: Date,
): BlockReason[] {
  const local = toLocal(t, req.zone);
  const time = consentCovers(policy, req.debtor.outsideWindowConsents, req.channel, t)
    ? []
    : timeReasons(policy, calendar, req.channel, local);
  return [...time, ...frequencyReasons(policy, ledger, req.channel, req.purpose, local.toISODate() ?? '')];
}

/**
 * Exact search, no minute stepping. Within one local day the caps, weekday and holiday are
 * constant, so the allowed set is the window `[start, end)` (if the day passes) united with
 * consent intervals, cut to `>= at`. Its earliest point is one of: `at`, the local day
 * start, the window start, or a consent's `validFrom`. We test those candidates in order,
 * day by day.
 */
function findNextAllowed(
  policy: ContactPolicy,
  calendar: HolidayCalendar,
  req: ContactRequest,
  ledger: AttemptLedger,
): Date | null {
  const window = policy.windows[req.channel];
  if (window === null) return null;
  const startMinutes = parseClock(window.start);
  const endMs = parseClock(window.end) * 60_000;
  const at = req.at.getTime();
  const consents = policy.allowOutsideWindowWithConsent
    ? (req.debtor.outsideWindowConsents ?? []).filter((c) => c.channel === req.channel && c.validUntil.getTime() > at)
    : [];
  const firstDate = localDateOf(req.at, req.zone);

  for (let i = 0; i <= NEXT_ALLOWED_HORIZON_DAYS; i++) {
    const date = addDays(firstDate, i);
    if (frequencyReasons(policy, ledger, req.channel, req.purpose, date).length > 0) continue;
    const windowStart = instantAtLocalClock(date, startMinutes, req.zone);
    if (consents.length === 0) {
      // Fast path (the common case): the only candidate is the window start, or `at` inside the window.
      const local = toLocal(windowStart, req.zone);
      if (dayReasons(policy, calendar, local).length > 0) continue;
      const candidate = new Date(Math.max(windowStart.getTime(), at));
      const candidateLocal = toLocal(candidate, req.zone);
      if (candidateLocal.toISODate() === date && localMsOfDay(candidateLocal) < endMs) return candidate;
      continue;
    }
    const dayStart = startOfLocalDay(date, req.zone).getTime();
    const dayEnd = startOfLocalDay(addDays(date, 1), req.zone).getTime();
    const candidates = [dayStart, windowStart.getTime(), ...consents.map((c) => c.validFrom.getTime())]
      .map((c) => Math.max(c, at))
      .filter((c) => c >= dayStart && c < dayEnd)
      .sort((a, b) => a - b);
    for (const c of candidates) {
      const instant = new Date(c);
      if (transientReasons(policy, calendar, req, ledger, instant).length === 0) return instant;
    }
  }
  return null;
}
