/**
 * Every reason the contact policy can refuse a contact. Codes are stable (stored on
 * blocked-attempt audit rows and shown to compliance), so only ever append.
 * The order here is the order reasons are reported in.
 */
export const BLOCK_REASONS = [
  // Standing reasons: waiting does not lift them (a person or the debtor must act).
  'channel_disabled',
  'opted_out',
  'no_consent',
  'third_party_collect',
  'third_party_not_emergency',
  'emergency_contact_no_consent',
  'dispute_hold',
  'complaint_hold',
  // Time rules: lifted at the next allowed window (or by the debtor's prior consent).
  'outside_hours',
  'non_working_day',
  'national_holiday',
  'collective_leave',
  // Frequency rules: lifted as past attempts age out of the counting period.
  'daily_cap_channel',
  'daily_cap_total',
  'weekly_cap_channel',
  'weekly_cap_total',
  'regf_attempts_7d',
  'regf_after_conversation',
] as const;
export type BlockReason = (typeof BLOCK_REASONS)[number];

/** Reasons that no amount of waiting removes; when present `nextAllowedAt` is null. */
export const STANDING_REASONS = [
  'channel_disabled',
  'opted_out',
  'no_consent',
  'third_party_collect',
  'third_party_not_emergency',
  'emergency_contact_no_consent',
  'dispute_hold',
  'complaint_hold',
] as const satisfies readonly BlockReason[];
export type StandingReason = (typeof STANDING_REASONS)[number];

/** Sorts into the canonical order and removes duplicates, so output is deterministic. */
export function orderReasons(reasons: Iterable<BlockReason>): BlockReason[] {
  const present = new Set(reasons);
  return BLOCK_REASONS.filter((r) => present.has(r));
}
