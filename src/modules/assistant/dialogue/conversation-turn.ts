import type { Kysely } from 'kysely';
import { DateTime } from 'luxon';
import type { Database } from '../../../db/schema.ts';
import type { AssistantChannel, ConversationStatus } from '../../../db/schema-assistant.ts';
import { localDateOf } from '../../../domain/dates.ts';
import {
  decideTurn,
  guardInput,
  isLocked,
  isPublicReply,
  isVerifiable,
  parseStage,
  renderReply,
  stripFooter,
  type DebtorFacts,
  type DialogueContext,
  type IdentityStatus,
  type TurnInput,
} from '../../../domain/assistant/index.ts';
import { checkAccountAnswer, checkIdentityAnswer, identityRecordOf, type CheckOutcome } from './identity-check.ts';
import { executeActions } from './execute-actions.ts';
import type { AssistantRuntime } from './runtime.ts';
import { phrased, withLlmIntent } from '../llm/llm-turn.ts';
import * as repo from './repo.ts';

const DEFAULT_ZONE = 'Asia/Jakarta';
const HIDDEN_IDENTITY = '[jawaban verifikasi identitas disembunyikan]';
const MAX_NOTES = 2000;

/** One message from a person, already authenticated by its channel (web token or WhatsApp signature). */
export interface InboundMessage {
  readonly channel: AssistantChannel;
  /** sha256 of the web conversation token, or the blind index of the WhatsApp number. */
  readonly userKey: string;
  /** The WhatsApp number, encrypted (needed to reply); null on the web. */
  readonly addressEnc?: string | null;
  readonly text: string;
  /** Provider message id: a redelivered webhook is answered once. */
  readonly externalId?: string | null;
}

export interface TurnOutcome {
  readonly conversationId: string;
  readonly status: ConversationStatus;
  readonly replies: readonly { readonly id: string; readonly text: string; readonly outsideContactHours: boolean }[];
  readonly duplicate: boolean;
}

/** The live conversation of this person on this channel, or a new one (WhatsApp: matched to the debtor by number). */
export async function openConversation(rt: AssistantRuntime, channel: AssistantChannel, userKey: string, addressEnc: string | null): Promise<repo.Conversation> {
  const db = rt.deps.db.kysely;
  const now = rt.deps.now();
  const live = await repo.findLiveConversation(db, channel, userKey);
  if (live && now.getTime() - live.last_message_at.getTime() <= rt.idleTimeoutMs) return live;
  if (live) await repo.resolveConversation(db, live.id, now);
  let debtorId: string | null = null;
  let contactId: string | null = null;
  if (channel === 'whatsapp') {
    const candidates = await repo.phoneCandidates(db, userKey);
    // A number shared by several debtors identifies nobody: ask for the account number as on the web.
    if (new Set(candidates.map((c) => c.debtorId)).size === 1) ({ debtorId, contactId } = candidates[0] ?? { debtorId: null, contactId: null });
  }
  return repo.createConversation(db, { channel, userKey, addressEnc, debtorId, contactId, now });
}

function outsideContactHours(now: Date, zone: string): boolean {
  const local = DateTime.fromJSDate(now, { zone });
  return local.weekday === 7 || local.hour < 8 || local.hour >= 20;
}

async function identityStatus(rt: AssistantRuntime, trx: Kysely<Database>, conv: repo.Conversation, now: Date): Promise<IdentityStatus> {
  if (conv.verified_at !== null && conv.debtor_id !== null) return 'verified';
  if (conv.failed_verifications >= rt.maxAccountAttempts) return 'locked';
  if (conv.debtor_id === null) return 'unverified';
  if (isLocked(await repo.lockStateOf(trx, conv.debtor_id), now)) return 'locked';
  return isVerifiable(await identityRecordOf(rt, trx, conv.debtor_id)) ? 'unverified' : 'unverifiable';
}

async function factsOf(trx: Kysely<Database>, conv: repo.Conversation): Promise<DebtorFacts | null> {
  if (conv.debtor_id === null) return null;
  const f = await repo.loadFacts(trx, conv.debtor_id);
  if (!f) return null;
  // The account the person named on the web comes first.
  const accounts = [...f.accounts].sort((a, b) => Number(b.accountId === conv.account_id) - Number(a.accountId === conv.account_id));
  return { name: f.fullName, accounts, pendingPromise: f.pendingPromise };
}

/**
 * Answers one inbound message: guards the input, understands it, checks identity answers, lets the pure dialogue
 * engine decide, carries out the actions, and stores the messages (encrypted), the timeline interaction and the
 * new conversation state — all in one transaction with the conversation row locked, so any API node may take any turn.
 * While a person has the conversation (status `open`) the bot stays silent and only records the message.
 */
export async function handleInbound(rt: AssistantRuntime, msg: InboundMessage, existing?: repo.Conversation): Promise<TurnOutcome> {
  const { db, cipher } = rt.deps;
  const now = rt.deps.now();
  if (msg.externalId && (await repo.messageSeen(db.kysely, msg.externalId))) {
    const conv = existing ?? (await openConversation(rt, msg.channel, msg.userKey, msg.addressEnc ?? null));
    return { conversationId: conv.id, status: conv.status, replies: [], duplicate: true };
  }
  const started = existing ?? (await openConversation(rt, msg.channel, msg.userKey, msg.addressEnc ?? null));
  const setting = started.debtor_id ? await repo.debtorSetting(db.kysely, started.debtor_id) : undefined;
  const zone = setting?.zone ?? DEFAULT_ZONE;
  const today = localDateOf(now, zone);
  const guarded = guardInput(msg.text);
  const local = guarded.problem === null ? await (await rt.nlu()).analyze(guarded.text, { today }) : null;
  const nlu = local && started.status === 'pending' ? await withLlmIntent(rt, local, guarded.text, started.stage) : local;

  return db.kysely.transaction().execute(async (trx) => {
    const conv = await repo.lockConversation(trx, started.id);
    const verifiedBefore = conv.verified_at !== null && conv.debtor_id !== null;
    if (conv.status !== 'pending') {
      await repo.insertMessages(trx, [{ conversationId: conv.id, direction: 'inbound', sender: 'debtor', bodyEnc: cipher.encrypt(guarded.text), intent: nlu?.intent ?? null, confidence: nlu?.confidence ?? null, externalId: msg.externalId ?? null, at: now }]);
      if (verifiedBefore && conv.debtor_id) {
        await repo.insertInteraction(trx, { debtorId: conv.debtor_id, accountId: conv.account_id, channel: msg.channel === 'web' ? 'chat' : 'whatsapp', direction: 'inbound', outcome: 'message_to_agent', agentId: null, notes: `Debitur: ${guarded.text}`.slice(0, MAX_NOTES), at: now });
      }
      await repo.updateConversation(trx, conv.id, { last_message_at: now, turns: conv.turns + 1 });
      return { conversationId: conv.id, status: conv.status, replies: [], duplicate: false };
    }

    const stage = parseStage(conv.stage);
    let check: CheckOutcome = { check: null, sensitive: false, patch: {} };
    if (guarded.problem === null && nlu !== null) {
      if (stage.kind === 'await_identity') check = await checkIdentityAnswer(rt, trx, conv, guarded.text, now);
      else if (stage.kind === 'await_account') check = await checkAccountAnswer(trx, guarded.text);
    }
    const current: repo.Conversation = { ...conv, ...check.patch } as repo.Conversation;
    const identity = await identityStatus(rt, trx, current, now);
    const facts = identity === 'verified' ? await factsOf(trx, current) : null;
    const ctx: DialogueContext = { channel: msg.channel, today, identity, hasCandidate: current.debtor_id !== null, facts, promisePolicy: rt.promisePolicy };
    const input: TurnInput = {
      problem: guarded.problem,
      text: guarded.text,
      normalized: nlu?.normalized ?? '',
      intent: nlu?.intent ?? 'out_of_scope',
      entities: { date: nlu?.entities.date ?? null, amountIdr: nlu?.entities.amountIdr ?? null },
      check: check.check,
    };
    const decision = decideTurn(stage, ctx, input);
    const verified = identity === 'verified';
    const inboundBody = check.sensitive ? HIDDEN_IDENTITY : guarded.text;
    const channel = msg.channel === 'web' ? 'chat' : 'whatsapp';

    const interactionId = verified && current.debtor_id
      ? await repo.insertInteraction(trx, { debtorId: current.debtor_id, accountId: current.account_id, channel, direction: 'inbound', outcome: decision.outcome, agentId: null, notes: `Debitur: ${inboundBody}`.slice(0, MAX_NOTES), at: now })
      : null;
    const results = await executeActions(rt, trx, decision.actions, { conv: current, zone, verified, interactionId, turn: conv.turns + 1, now });
    const brandSetting = current.debtor_id === started.debtor_id ? setting : current.debtor_id ? await repo.debtorSetting(trx, current.debtor_id) : undefined;
    const brand = brandSetting?.creditorName ?? rt.defaultBrand;
    const stillVerified = verified && results.patch.verified_at !== null;
    const replies = results.promiseRefused ? [{ key: 'ptp_refused' as const }] : decision.replies;
    const outcome = results.promiseRefused ? 'ptp_refused' : decision.outcome;
    const texts: string[] = [];
    for (const r of replies) {
      if (!stillVerified && !isPublicReply(r.key)) throw new Error(`assistant would send '${r.key}' to an unverified person`);
      const reply = { key: r.key, values: { ...r.values, ...results.values } };
      texts.push(rt.llm?.phrase ? await phrased(rt, trx, reply, brand, conv.id, now) : renderReply(reply, brand));
    }
    const outside = msg.channel === 'whatsapp' && texts.length > 0 && outsideContactHours(now, zone);
    const ids = await repo.insertMessages(trx, [
      { conversationId: conv.id, direction: 'inbound', sender: 'debtor', bodyEnc: cipher.encrypt(inboundBody), intent: nlu?.intent ?? null, confidence: nlu?.confidence ?? null, externalId: msg.externalId ?? null, at: now },
      ...texts.map((t) => ({ conversationId: conv.id, direction: 'outbound' as const, sender: 'bot' as const, bodyEnc: cipher.encrypt(t), outsideContactHours: outside, at: now })),
    ]);
    if (interactionId !== null && texts.length > 0) {
      const notes = `Debitur: ${inboundBody}\nAsisten: ${texts.map(stripFooter).join(' ')}`.slice(0, MAX_NOTES);
      await repo.setInteractionNotes(trx, interactionId, notes, outcome);
    }
    const patch: repo.ConversationPatch = {
      ...check.patch,
      ...results.patch,
      stage: JSON.stringify(decision.stage),
      last_intent: nlu?.intent ?? null,
      turns: conv.turns + 1,
      last_message_at: now,
    };
    await repo.updateConversation(trx, conv.id, patch);
    return {
      conversationId: conv.id,
      status: results.patch.status ?? conv.status,
      replies: texts.map((text, i) => ({ id: String(ids[i + 1] ?? ''), text, outsideContactHours: outside })),
      duplicate: false,
    };
  });
}
