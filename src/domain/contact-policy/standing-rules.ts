import type { StandingReason } from './block-reasons.ts';
import type { ContactPolicy } from './policy.ts';
import type { ContactRequest } from './request.ts';

/**
 * Rules about who, how and whether at all — independent of the clock, so a block here is
 * never lifted by waiting (`nextAllowedAt` is null).
 *
 * POJK 22/2023 art. 62: contact only the consumer. SEOJK 19/2023: emergency contacts only
 * to locate the borrower and only with that contact's consent. A `service_reply` answers
 * someone who wrote to us first, so it may go to whoever wrote and is not paused by a hold
 * (answering a dispute is exactly what must happen), but an opt-out still stands.
 */
export function standingReasons(policy: ContactPolicy, req: ContactRequest): StandingReason[] {
  const reasons: StandingReason[] = [];
  const { channel, purpose, contactPoint: point, debtor } = req;
  const initiatedByUs = purpose !== 'service_reply';

  if (policy.windows[channel] === null) reasons.push('channel_disabled');
  if (point.optedOutChannels.includes(channel)) reasons.push('opted_out');
  if (policy.channelsRequiringConsent.includes(channel) && !(point.consentedChannels ?? []).includes(channel)) {
    reasons.push('no_consent');
  }
  if (!point.isDebtorOwn && initiatedByUs) {
    if (purpose === 'collect' || purpose === 'reminder') reasons.push('third_party_collect');
    if (!point.isEmergency) {
      if (purpose === 'locate') reasons.push('third_party_not_emergency');
    } else if (!point.emergencyConsent) {
      reasons.push('emergency_contact_no_consent');
    }
  }
  if (initiatedByUs && policy.holds.dispute && debtor.openDispute) reasons.push('dispute_hold');
  if (initiatedByUs && policy.holds.complaint && debtor.openComplaint) reasons.push('complaint_hold');
  return reasons;
}
