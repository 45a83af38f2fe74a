import type { AttemptOutcome, Channel, Purpose } from './channels.ts';
import type { BlockReason } from './block-reasons.ts';

/** The phone number, email or address we would use, and what its owner agreed to. */
export interface ContactPoint {
  /** Belongs to the debtor (not a relative, employer or emergency contact). */
  readonly isDebtorOwn: boolean;
  /** Registered as the debtor's emergency contact. */
  readonly isEmergency: boolean;
  /** The emergency contact agreed to be contacted (SEOJK 19/2023 requires it). */
  readonly emergencyConsent: boolean;
  readonly optedOutChannels: readonly Channel[];
  /** Channels with recorded opt-in; only consulted for the policy's `channelsRequiringConsent`. Absent = none recorded. */
  readonly consentedChannels?: readonly Channel[];
}

/**
 * The debtor's prior consent to be contacted on a channel outside the normal time rules
 * (e.g. "call me after 20:00"), valid for instants in `[validFrom, validUntil)`.
 */
export interface OutsideWindowConsent {
  readonly channel: Channel;
  readonly validFrom: Date;
  readonly validUntil: Date;
}

/** Local wall-clock hours `[start, end)` ("HH:MM") the debtor asked to be contacted in (portal preferences). */
export interface PreferredHours {
  readonly start: string;
  readonly end: string;
}

export interface DebtorContactState {
  readonly openDispute: boolean;
  readonly openComplaint: boolean;
  readonly outsideWindowConsents?: readonly OutsideWindowConsent[];
  /**
   * Narrows the policy's window for calls and messages (never widens it: only recorded outside-window consent does
   * that); field visits keep their own window. Ignored when it does not overlap the policy's window.
   */
  readonly preferredHours?: PreferredHours;
}

/**
 * One past contact attempt. Pass the attempts for the same debtor (per debt for Reg F).
 * Attempts after the evaluated instant are ignored: they had not happened yet.
 * Attempts with purpose `service_reply` never count toward caps.
 */
export interface ContactAttempt {
  readonly at: Date;
  readonly channel: Channel;
  readonly outcome: AttemptOutcome;
  readonly purpose?: Purpose;
}

/** Everything the policy needs to decide about one contact. */
export interface ContactRequest {
  /** The instant of the intended contact (UTC). */
  readonly at: Date;
  /** The debtor's IANA zone, e.g. `Asia/Makassar`. */
  readonly zone: string;
  readonly channel: Channel;
  readonly purpose: Purpose;
  readonly contactPoint: ContactPoint;
  readonly debtor: DebtorContactState;
  readonly history: readonly ContactAttempt[];
}

/**
 * The decision. `reasons` lists every rule that blocks, not only the first, so compliance
 * sees the whole picture. `nextAllowedAt` is the earliest instant ≥ `at` at which the same
 * request (same history) is allowed; it is null when allowed now, and also null when
 * waiting can never help (a standing reason such as opt-out, third party, a hold, a
 * disabled channel or a zero cap) or when nothing is allowed within `NEXT_ALLOWED_HORIZON_DAYS`.
 */
export interface ContactDecision {
  readonly allowed: boolean;
  readonly reasons: readonly BlockReason[];
  readonly nextAllowedAt: Date | null;
}
