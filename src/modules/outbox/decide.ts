import type { ContactChannel } from '../../db/schema-collection.ts';
import { evaluateContact, type Purpose } from '../../domain/contact-policy/index.ts';
import { chooseContactPoint } from './contact-point.ts';
import type { DebtorContext } from './debtor-context.ts';
import type { PolicyContext } from './policy-context.ts';

/** Reasons the send path adds to the engine's own (it cannot evaluate without a contact point). */
export const SEND_PATH_REASONS = ['no_contact_point', 'unknown_debtor'] as const;

/** How far back contact history is loaded: the longest counting period a policy can have (Reg F: 31 days) plus one. */
export const HISTORY_DAYS = 32;

/** One decision about one contact: whom, whether, why not, and when instead. */
export interface SendDecision {
  readonly contactId: string | null;
  readonly allowed: boolean;
  readonly reasons: readonly string[];
  /** Set only when waiting lifts every reason (time or frequency rules). */
  readonly nextAllowedAt: Date | null;
}

/**
 * Chooses the contact point and evaluates the policy at `at`. The same function decides at plan time
 * and again at send time, so both stages apply exactly the same rules to the same kind of context.
 */
export function decideContact(policy: PolicyContext, debtor: DebtorContext | undefined, channel: ContactChannel, purpose: Purpose, at: Date): SendDecision {
  if (!debtor) return { contactId: null, allowed: false, reasons: ['unknown_debtor'], nextAllowedAt: null };
  const chosen = chooseContactPoint(debtor.contacts, channel, purpose);
  if (!chosen) return { contactId: null, allowed: false, reasons: ['no_contact_point'], nextAllowedAt: null };
  const decision = evaluateContact(policy.policy, policy.calendar, {
    at,
    zone: debtor.zone,
    channel,
    purpose,
    contactPoint: chosen.point,
    debtor: { openDispute: debtor.openDispute, openComplaint: debtor.openComplaint, outsideWindowConsents: chosen.outsideWindowConsents, ...(debtor.preferredHours ? { preferredHours: debtor.preferredHours } : {}) },
    history: debtor.history,
  });
  return { contactId: chosen.contactId, allowed: decision.allowed, reasons: decision.reasons, nextAllowedAt: decision.nextAllowedAt };
}

export function historySince(at: Date): Date {
  return new Date(at.getTime() - HISTORY_DAYS * 86_400_000);
}
