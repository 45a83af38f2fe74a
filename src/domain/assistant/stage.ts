import { z } from 'zod';

/**
 * The intents the dialogue acts on: the fifteen labels of CONTRACTS.md ("Debtor assistant"). Defined here, in the
 * pure domain, so the NLU module (`modules/assistant/nlu/intents.ts`) re-exports this list rather than keeping a copy.
 */
export const DIALOGUE_INTENTS = [
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
export type DialogueIntent = (typeof DIALOGUE_INTENTS)[number];

const intent = z.enum(DIALOGUE_INTENTS);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
/** Amounts are decimal strings in the stored stage (JSON has no bigint). */
const amount = z.string().regex(/^\d{1,16}$/);

const pending = z.object({ intent, date: isoDate.nullable(), amount: amount.nullable() }).nullable();

/**
 * Where a conversation is between two turns: which question the bot asked last. Stored as JSON on the
 * conversation row so any API node can take the next turn.
 */
export const stageSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('idle') }),
  z.object({ kind: z.literal('await_account'), pending }),
  z.object({ kind: z.literal('await_identity'), pending }),
  z.object({ kind: z.literal('ptp_collect'), date: isoDate.nullable(), amount: amount.nullable() }),
  z.object({ kind: z.literal('ptp_confirm'), date: isoDate, amount }),
  z.object({ kind: z.literal('restructure_reason') }),
  z.object({ kind: z.literal('restructure_amount'), reason: z.string().max(1000) }),
  z.object({ kind: z.literal('settlement_amount') }),
  z.object({ kind: z.literal('paid_proof') }),
  z.object({ kind: z.literal('case_detail'), caseKind: z.enum(['dispute', 'complaint']) }),
  z.object({ kind: z.literal('third_party_offer') }),
  z.object({ kind: z.literal('stop_channel') }),
]);
export type Stage = z.infer<typeof stageSchema>;
export type PendingIntent = NonNullable<z.infer<typeof pending>>;

export const IDLE: Stage = { kind: 'idle' };

/** Reads a stored stage; anything unreadable (an older shape, a hand edit) restarts at idle rather than failing the turn. */
export function parseStage(value: unknown): Stage {
  const parsed = stageSchema.safeParse(value);
  return parsed.success ? parsed.data : IDLE;
}
