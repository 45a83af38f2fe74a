import type { CasePolicy } from './case-policy.ts';

export const DISPUTE_KINDS = ['dispute', 'complaint'] as const;
export type DisputeKind = (typeof DISPUTE_KINDS)[number];

const PREFIX: Readonly<Record<DisputeKind, string>> = { dispute: 'DSP', complaint: 'CMP' };

/**
 * The reference a debtor quotes on the phone: kind prefix, year, six-digit sequence.
 * @example disputeReference('dispute', 2026, 123n) // 'DSP-2026-000123'
 */
export function disputeReference(kind: DisputeKind, year: number, seq: bigint): string {
  if (seq <= 0n) throw new RangeError(`reference sequence must be positive, got ${seq}`);
  return `${PREFIX[kind]}-${year}-${seq.toString().padStart(6, '0')}`;
}

/** When the answer is due: `opened + SLA days` (calendar days, 24 h each, so the clock is time-zone free). */
export function slaDueAt(kind: DisputeKind, openedAt: Date, policy: CasePolicy): Date {
  const days = kind === 'dispute' ? policy.disputeSlaDays : policy.complaintSlaDays;
  return new Date(openedAt.getTime() + days * 86_400_000);
}

/** True when an open case has passed its SLA at `now`. */
export function isSlaBreached(slaDueAt: Date, now: Date): boolean {
  return now.getTime() > slaDueAt.getTime();
}
