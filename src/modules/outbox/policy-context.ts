import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import {
  ID_OJK_POLICY,
  indonesianCalendar,
  validatePolicy,
  type ContactPolicy,
  type HolidayCalendar,
  type HolidayOverride,
} from '../../domain/contact-policy/index.ts';

/**
 * `policy_version` recorded on decisions made under the built-in preset (no active version
 * stored yet). Stored versions start at 1, so 0 is never ambiguous.
 */
export const BUILT_IN_POLICY_VERSION = 0;

/** The policy in force and the holiday calendar it is evaluated against. */
export interface PolicyContext {
  readonly policy: ContactPolicy;
  /** `contact_policies.version` of the active row, or BUILT_IN_POLICY_VERSION. */
  readonly version: number;
  readonly calendar: HolidayCalendar;
}

let cachedCalendar: { key: string; calendar: HolidayCalendar } | null = null;

/**
 * Building a calendar costs a date-holidays computation per year; overrides change rarely, so the
 * last calendar is kept and reused while the override table is unchanged.
 */
function calendarFor(overrides: readonly HolidayOverride[]): HolidayCalendar {
  const key = JSON.stringify(overrides);
  if (cachedCalendar?.key === key) return cachedCalendar.calendar;
  const calendar = indonesianCalendar(overrides);
  cachedCalendar = { key, calendar };
  return calendar;
}

/**
 * Loads the active contact policy (falling back to the Indonesian OJK preset when none is active)
 * and the holiday calendar with the admin overrides (cuti bersama, corrections). Two queries; call
 * once per page of contacts, not per contact.
 *
 * A stored active policy that no longer validates is a configuration fault, not a reason to contact
 * people under a looser default: it throws, and nothing is planned or sent until an admin fixes it.
 */
export async function loadPolicyContext(db: Kysely<Database>): Promise<PolicyContext> {
  // Sequential on purpose: `db` may be a transaction, i.e. one connection.
  const active = await db.selectFrom('contact_policies').select(['version', 'definition']).where('status', '=', 'active').executeTakeFirst();
  const overrides = await db.selectFrom('holiday_overrides').select(['date', 'kind', 'name']).orderBy('date').execute();
  const calendar = calendarFor(overrides);
  if (!active) return { policy: ID_OJK_POLICY, version: BUILT_IN_POLICY_VERSION, calendar };
  const checked = validatePolicy(active.definition);
  if (!checked.ok) {
    const first = checked.issues[0];
    throw new Error(`active contact policy version ${active.version} is invalid: ${first?.field}: ${first?.message}`);
  }
  return { policy: checked.policy, version: active.version, calendar };
}
