import { DIALOGUE_INTENTS } from '../../../domain/assistant/stage.ts';
/**
 * What a debtor can mean in one chat turn; exact labels from CONTRACTS.md ("Debtor assistant").
 * `out_of_scope` is also the answer when the classifier is not confident enough, so the dialogue layer never
 * acts on a guess.
 */
export const INTENTS = DIALOGUE_INTENTS;

export type Intent = (typeof INTENTS)[number];

/** Narrows a string (e.g. a classifier label) to an `Intent`. */
export function isIntent(value: string): value is Intent {
  return (INTENTS as readonly string[]).includes(value);
}
