import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import {
  checkRephrase,
  checkTemplateRewrite,
  isPublicReply,
  parseStage,
  renderReply,
  renderReplyText,
  stripFooter,
  REPLY_CATALOG,
  type Reply,
} from '../../../domain/assistant/index.ts';
import { audit, SYSTEM_ACTOR } from '../../audit/index.ts';
import type { NluResult } from '../nlu/nlu.ts';
import type { AssistantRuntime } from '../dialogue/runtime.ts';

/**
 * Asks the optional LLM for an intent when the local model is unsure. Only in the idle stage (a question the bot
 * asked — identity, account number, dispute details — is never sent out) and only below the configured score;
 * anything but a valid label keeps the local result. Identity is not touched: the dialogue still gates every
 * account answer on verification.
 */
export async function withLlmIntent(rt: AssistantRuntime, local: NluResult, text: string, stage: unknown): Promise<NluResult> {
  const below = rt.llm?.classifyBelow ?? null;
  if (!rt.llm || below === null || local.modelConfidence >= below) return local;
  if (parseStage(stage).kind !== 'idle') return local;
  const intent = await rt.llm.classify(text);
  return intent === null ? local : { ...local, intent };
}

/**
 * The reply as sent: the LLM's wording of the catalogue template when it passes every guardrail (same placeholders,
 * then `checkRephrase` on the rendered text: figures kept and none added, no name, no link, compliance lint), else
 * the catalogue wording. A refused wording is audited (`assistant.llm_rephrase_rejected`, rules only, no text).
 */
export async function phrased(rt: AssistantRuntime, trx: Kysely<Database>, reply: Reply, brand: string, conversationId: string, now: Date): Promise<string> {
  const catalogue = renderReply(reply, brand);
  if (!rt.llm?.phrase) return catalogue;
  const template = REPLY_CATALOG[reply.key].text;
  const candidate = await rt.llm.rephrase(template);
  if (candidate === null) return catalogue;
  let violations = checkTemplateRewrite(template, candidate);
  let text: string | null = null;
  if (violations.length === 0) {
    text = renderReplyText(reply, candidate.trim(), brand);
    const original = stripFooter(catalogue);
    violations = checkRephrase({
      original,
      candidate: stripFooter(text),
      audience: isPublicReply(reply.key) ? 'public' : 'verified',
      creditorName: brand,
      footer: catalogue.slice(original.length),
    });
  }
  if (text !== null && violations.length === 0) return text;
  await audit(trx, {
    actor: SYSTEM_ACTOR,
    action: 'assistant.llm_rephrase_rejected',
    entityType: 'assistant_conversation',
    entityId: conversationId,
    details: { reply: reply.key, rules: [...new Set(violations.map((v) => v.rule))] },
    at: now,
  });
  return catalogue;
}
