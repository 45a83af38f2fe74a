/**
 * The ways Tagih can reach a person. A const tuple so the union, the zod enum and
 * exhaustive switches all come from one list.
 */
export const CHANNELS = ['sms', 'whatsapp', 'email', 'voice', 'field'] as const;
export type Channel = (typeof CHANNELS)[number];

/**
 * Channels that deliver a written electronic message. Reg F and good practice demand an
 * opt-out instruction in each of them; the template lint uses the same list.
 */
export const ELECTRONIC_CHANNELS = ['sms', 'whatsapp', 'email'] as const satisfies readonly Channel[];
export type ElectronicChannel = (typeof ELECTRONIC_CHANNELS)[number];

/** True for sms, whatsapp and email. */
export function isElectronicChannel(channel: Channel): channel is ElectronicChannel {
  return (ELECTRONIC_CHANNELS as readonly Channel[]).includes(channel);
}

/**
 * Why we want to reach someone. The purpose decides who may be contacted: emergency
 * contacts only to `locate` the borrower (SEOJK 19/2023), never to `collect` or remind.
 * `service_reply` answers something the person sent us first (consumer-initiated), so it
 * does not count toward frequency caps, but still respects hours, days and opt-outs.
 */
export const PURPOSES = ['collect', 'locate', 'reminder', 'service_reply'] as const;
export type Purpose = (typeof PURPOSES)[number];

/** ISO order (Monday first), matching Luxon's `weekday` 1..7. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/**
 * What happened on a past attempt. Every outcome counts as an attempt for caps (a failed
 * send was still an attempt to reach the person); `conversation` additionally starts the
 * Reg F seven-day quiet period.
 */
export const ATTEMPT_OUTCOMES = [
  'no_answer',
  'busy',
  'voicemail',
  'conversation',
  'wrong_party',
  'sent',
  'delivered',
  'read',
  'replied',
  'failed',
  'visited',
  'not_home',
] as const;
export type AttemptOutcome = (typeof ATTEMPT_OUTCOMES)[number];
