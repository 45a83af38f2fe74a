/** The debtor assistant's conversational rules: pure, no I/O, no clock. */
export * from './decide-turn.ts';
export * from './stage.ts';
export * from './reply-catalog.ts';
export * from './render-reply.ts';
export * from './input-guard.ts';
export * from './identity-answer.ts';
export * from './lockout.ts';
export * from './promise-policy.ts';
export * from './llm-guardrails.ts';
export { commandIntent, isYes, isNo, mentionedChannels } from './words.ts';
