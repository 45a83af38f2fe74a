/**
 * What a debtor can mean in one chat turn; exact labels from CONTRACTS.md ("Debtor assistant").
 * `out_of_scope` is also the answer when the classifier is not confident enough, so the dialogue layer never
 * acts on a guess.
 */
export const INTENTS = [
  'greeting',
  'check_balance',
  'due_date',
  'payment_methods',
  'promise_to_pay',
  'request_restructuring',
  'already_paid',
  'dispute',
  'stop_contact',
  'human_agent',
  'complaint',
  'discount_settlement',
  'thanks_bye',
  'third_party',
  'out_of_scope',
] as const;

export type Intent = (typeof INTENTS)[number];

/** Narrows a string (e.g. a classifier label) to an `Intent`. */
export function isIntent(value: string): value is Intent {
  return (INTENTS as readonly string[]).includes(value);
}
