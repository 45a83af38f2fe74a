/**
 * What a collector records after a contact attempt. Some outcomes carry a follow-up the system creates in the
 * same transaction: `ptp` a promise to pay, `callback_requested` a callback work item, `dispute` a dispute.
 */
export const CALL_OUTCOMES = ['no_answer', 'busy', 'rpc', 'third_party', 'wrong_number', 'ptp', 'refused', 'dispute', 'callback_requested'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

/** The follow-up an outcome requires, or null. */
export function followUpOf(outcome: CallOutcome): 'promise' | 'callback' | 'dispute' | null {
  switch (outcome) {
    case 'ptp':
      return 'promise';
    case 'callback_requested':
      return 'callback';
    case 'dispute':
      return 'dispute';
    case 'no_answer':
    case 'busy':
    case 'rpc':
    case 'third_party':
    case 'wrong_number':
    case 'refused':
      return null;
  }
}

/** Outcomes in which the debtor was reached (right-party contact), for RPC-rate reporting. */
export function isRightPartyContact(outcome: CallOutcome): boolean {
  return outcome === 'rpc' || outcome === 'ptp' || outcome === 'refused' || outcome === 'dispute' || outcome === 'callback_requested';
}
