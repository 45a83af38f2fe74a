import { CHANNELS, type AttemptOutcome, type Channel, type ContactAttempt, type Purpose, PURPOSES } from '../../domain/contact-policy/index.ts';

/** Interaction outcomes (portfolio schema) as the policy's attempt outcomes; a right-party talk is a conversation. */
const INTERACTION_OUTCOMES: Readonly<Record<string, AttemptOutcome>> = {
  no_answer: 'no_answer',
  busy: 'busy',
  rpc: 'conversation',
  ptp: 'conversation',
  refused: 'conversation',
  dispute: 'conversation',
  callback_requested: 'conversation',
  paid: 'conversation',
  third_party: 'wrong_party',
  wrong_number: 'wrong_party',
  message_sent: 'sent',
  visited: 'visited',
  not_home: 'not_home',
};

export function isChannel(value: string): value is Channel {
  return (CHANNELS as readonly string[]).includes(value);
}

export function asPurpose(value: string): Purpose | undefined {
  return (PURPOSES as readonly string[]).includes(value) ? (value as Purpose) : undefined;
}

/** An outbound interaction an agent logged (call, visit, manual message) as a policy attempt; null when it is not a contact channel. */
export function interactionAttempt(row: { channel: string; outcome: string | null; occurred_at: Date }): ContactAttempt | null {
  if (!isChannel(row.channel)) return null;
  const fallback: AttemptOutcome = row.channel === 'field' ? 'visited' : row.channel === 'voice' ? 'no_answer' : 'sent';
  return { at: row.occurred_at, channel: row.channel, outcome: (row.outcome && INTERACTION_OUTCOMES[row.outcome]) || fallback };
}

/** An outbox message (planned, in flight or sent) as a policy attempt at the instant it went or will go out. */
export function outboxAttempt(row: { channel: string; purpose: string; status: string; sent_at: Date | null; not_before: Date }): ContactAttempt | null {
  if (!isChannel(row.channel)) return null;
  const outcome: AttemptOutcome = row.status === 'delivered' ? 'delivered' : row.status === 'read' ? 'read' : row.status === 'failed' ? 'failed' : 'sent';
  const purpose = asPurpose(row.purpose);
  return { at: row.sent_at ?? row.not_before, channel: row.channel, outcome, ...(purpose ? { purpose } : {}) };
}
