import type { Channel } from './channels.ts';
import type { ContactAttempt, ContactPoint, ContactRequest, DebtorContactState } from './request.ts';

/** Shared by the tests of this folder: a request to the debtor's own number with no history. */
export const OWN_POINT: ContactPoint = {
  isDebtorOwn: true,
  isEmergency: false,
  emergencyConsent: false,
  optedOutChannels: [],
  consentedChannels: ['sms', 'whatsapp', 'email', 'voice', 'field'],
};

export const CLEAR_DEBTOR: DebtorContactState = { openDispute: false, openComplaint: false };

export function request(at: string | Date, zone: string, overrides: Partial<ContactRequest> = {}): ContactRequest {
  return {
    at: typeof at === 'string' ? new Date(at) : at,
    zone,
    channel: 'sms',
    purpose: 'collect',
    contactPoint: OWN_POINT,
    debtor: CLEAR_DEBTOR,
    history: [],
    ...overrides,
  };
}

export function attempt(at: string, channel: Channel, outcome: ContactAttempt['outcome'] = 'delivered'): ContactAttempt {
  return { at: new Date(at), channel, outcome };
}
