import type { InputProblem } from './input-guard.ts';
import { checkPromise, type PromisePolicy } from './promise-policy.ts';
import { isPublicReply } from './reply-catalog.ts';
import type { Reply } from './render-reply.ts';
import { IDLE, type DialogueIntent, type PendingIntent, type Stage } from './stage.ts';
import { commandIntent, isNo, isYes, mentionedChannels, OPT_OUT_CHANNELS, type OptOutChannel } from './words.ts';

/** What the bot knows about the debtor once identity is verified (never before). Primary account first. */
export interface DebtorFacts {
  readonly name: string;
  readonly accounts: readonly AccountFacts[];
  readonly pendingPromise: { readonly amountIdr: bigint; readonly promisedDate: string } | null;
}

export interface AccountFacts {
  readonly accountId: string;
  readonly accountNo: string;
  readonly outstandingIdr: bigint;
  readonly nextDueDate: string | null;
  readonly nextDueAmountIdr: bigint | null;
  readonly vaNumber: string | null;
}

export type IdentityStatus = 'verified' | 'unverified' | 'locked' | 'unverifiable';

export interface DialogueContext {
  readonly channel: 'web' | 'whatsapp';
  /** The debtor's local date. */
  readonly today: string;
  readonly identity: IdentityStatus;
  /** A debtor this conversation is probably about (WhatsApp number on file, or an account number given on the web). */
  readonly hasCandidate: boolean;
  /** Present only when identity is verified. */
  readonly facts: DebtorFacts | null;
  readonly promisePolicy: PromisePolicy;
}

/** What the service found when it checked an account number or an identity answer in this turn. */
export type IdentityCheck =
  | { readonly kind: 'account'; readonly outcome: 'found' | 'not_found' | 'locked' | 'unverifiable'; readonly attemptsLeft: number }
  | { readonly kind: 'identity'; readonly outcome: 'passed' | 'failed' | 'locked' | 'unverifiable'; readonly attemptsLeft: number };

export interface TurnInput {
  readonly problem: InputProblem | null;
  /** The guarded message (for free-text answers such as a dispute description). */
  readonly text: string;
  /** The NLU's normalised text (lowercase standard Indonesian), for yes/no and channel words. */
  readonly normalized: string;
  readonly intent: DialogueIntent;
  readonly entities: { readonly date: string | null; readonly amountIdr: bigint | null };
  readonly check: IdentityCheck | null;
}

export type DialogueAction =
  | { readonly kind: 'create_promise'; readonly accountId: string; readonly date: string; readonly amountIdr: bigint }
  | { readonly kind: 'open_case'; readonly caseKind: 'dispute' | 'complaint'; readonly accountId: string; readonly description: string }
  | { readonly kind: 'request'; readonly requestKind: 'restructuring' | 'settlement' | 'payment_trace'; readonly accountId: string; readonly reason: string | null; readonly amountIdr: bigint | null }
  | { readonly kind: 'callback'; readonly wrongNumber: boolean }
  | { readonly kind: 'opt_out'; readonly channels: readonly OptOutChannel[] }
  | { readonly kind: 'handoff' }
  | { readonly kind: 'revoke_verification' }
  | { readonly kind: 'resolve' };

export interface TurnDecision {
  readonly stage: Stage;
  readonly replies: readonly Reply[];
  readonly actions: readonly DialogueAction[];
  /** Short label for the interaction row and metrics (e.g. `ptp_created`, `verification_failed`). */
  readonly outcome: string;
}

/** Intents that need a verified identity before the bot says or does anything about the account. */
const NEEDS_IDENTITY: ReadonlySet<DialogueIntent> = new Set([
  'check_balance', 'due_date', 'payment_methods', 'promise_to_pay', 'request_restructuring',
  'already_paid', 'dispute', 'complaint', 'discount_settlement',
]);

/** Intents honoured from any question the bot is waiting on: the person changed the subject on purpose. */
const ESCAPES: ReadonlySet<DialogueIntent> = new Set(['human_agent', 'stop_contact', 'third_party']);

const MAX_ACCOUNTS_LISTED = 5;
const MAX_FREE_TEXT = 1000;

const decision = (stage: Stage, replies: Reply[], outcome: string, actions: DialogueAction[] = []): TurnDecision => ({ stage, replies, actions, outcome });
const amountOf = (s: string | null): bigint | null => (s === null ? null : BigInt(s));
const amountStr = (a: bigint | null): string | null => (a === null ? null : a.toString());
const freeText = (text: string): string => text.slice(0, MAX_FREE_TEXT);

/**
 * The assistant's whole conversational policy: given where the conversation stands, what the person just wrote and
 * what the service checked, decide the next stage, the replies and the actions. Pure and total: it never throws for
 * any input, and while identity is not verified it only ever chooses public replies (no name, amount, date or
 * account detail) — both are property-tested.
 */
export function decideTurn(stage: Stage, ctx: DialogueContext, input: TurnInput): TurnDecision {
  const d = decideUnchecked(stage, ctx, input);
  if (ctx.identity !== 'verified' && d.replies.some((r) => !isPublicReply(r.key))) {
    // Defence in depth: should be unreachable (the property test says so); never leak, fall back to a safe reply.
    return decision(IDLE, [{ key: 'out_of_scope' }], 'guarded');
  }
  return d;
}

function decideUnchecked(stage: Stage, ctx: DialogueContext, input: TurnInput): TurnDecision {
  if (input.problem !== null) {
    const key = input.problem === 'empty' ? 'bad_input_empty' : input.problem === 'too_long' ? 'bad_input_too_long' : 'bad_input_unreadable';
    return decision(stage, [{ key }], 'bad_input');
  }
  if (input.check !== null) return afterCheck(stage, ctx, input, input.check);

  const intent = commandIntent(input.normalized) ?? input.intent;

  if (stage.kind === 'third_party_offer') {
    const first = input.normalized.trim().split(/\s+/)[0] ?? '';
    if (first === '1' || (saysYes(input) && first !== '2')) return decision(IDLE, [{ key: 'third_party_callback_done' }], 'callback_requested', [{ kind: 'callback', wrongNumber: false }]);
    if (first === '2') return decision(IDLE, [{ key: 'third_party_wrong_number_done' }], 'wrong_number', [{ kind: 'callback', wrongNumber: true }]);
  }
  if (ESCAPES.has(intent)) return handleIntent(intent, ctx, input);

  switch (stage.kind) {
    case 'await_account':
      if (intent === 'thanks_bye' || intent === 'greeting') return handleIntent(intent, ctx, input);
      return decision(stage, [{ key: 'ask_account' }], 'awaiting_account');
    case 'await_identity':
      if (intent === 'thanks_bye') return handleIntent(intent, ctx, input);
      return decision(stage, [{ key: 'identity_format' }], 'awaiting_identity');
    case 'ptp_collect':
    case 'ptp_confirm':
      return continuePromiseStage(stage, intent, ctx, input);
    case 'restructure_reason':
      if (isCancel(input)) return cancelled();
      return decision({ kind: 'restructure_amount', reason: freeText(input.text) }, [{ key: 'restructure_ask_amount' }], 'collecting');
    case 'restructure_amount':
    case 'settlement_amount': {
      if (isCancel(input)) return cancelled();
      const account = primary(ctx);
      if (input.entities.amountIdr === null || input.entities.amountIdr <= 0n || account === null) return decision(stage, [{ key: 'ask_amount_again' }], 'collecting');
      const requestKind = stage.kind === 'restructure_amount' ? 'restructuring' : 'settlement';
      const reason = stage.kind === 'restructure_amount' ? stage.reason : null;
      return decision(IDLE, [{ key: stage.kind === 'restructure_amount' ? 'restructure_created' : 'settlement_created', values: { amount: input.entities.amountIdr } }], 'relief_requested', [
        { kind: 'request', requestKind, accountId: account.accountId, reason, amountIdr: input.entities.amountIdr },
      ]);
    }
    case 'paid_proof': {
      if (isCancel(input)) return cancelled();
      const account = primary(ctx);
      if (account === null) return handleIntent(intent, ctx, input);
      return decision(IDLE, [{ key: 'paid_trace_opened' }], 'trace_opened', [
        { kind: 'request', requestKind: 'payment_trace', accountId: account.accountId, reason: freeText(input.text), amountIdr: input.entities.amountIdr },
      ]);
    }
    case 'case_detail': {
      if (isCancel(input)) return cancelled();
      const account = primary(ctx);
      if (account === null) return handleIntent(intent, ctx, input);
      return decision(IDLE, [{ key: stage.caseKind === 'dispute' ? 'dispute_opened' : 'complaint_opened' }], 'case_opened', [
        { kind: 'open_case', caseKind: stage.caseKind, accountId: account.accountId, description: freeText(input.text) },
      ]);
    }
    case 'stop_channel': {
      const channels = mentionedChannels(input.normalized);
      if (channels.length === 0) return isCancel(input) ? cancelled() : decision(stage, [{ key: 'stop_ask_channel' }], 'collecting');
      return optOut(channels);
    }
    case 'idle':
    case 'third_party_offer':
      return handleIntent(intent, ctx, input);
  }
}

function afterCheck(stage: Stage, ctx: DialogueContext, input: TurnInput, check: IdentityCheck): TurnDecision {
  const pending = stage.kind === 'await_account' || stage.kind === 'await_identity' ? stage.pending : null;
  if (check.outcome === 'locked') return decision(IDLE, [{ key: 'identity_locked' }], 'verification_locked');
  if (check.outcome === 'unverifiable') return decision(IDLE, [{ key: 'identity_unavailable' }], 'verification_unavailable');
  if (check.kind === 'account') {
    if (check.outcome === 'found') return decision({ kind: 'await_identity', pending }, [{ key: 'ask_identity' }], 'account_found');
    return check.attemptsLeft > 0
      ? decision(stage, [{ key: 'account_not_found', values: { attemptsLeft: check.attemptsLeft } }], 'verification_failed')
      : decision(IDLE, [{ key: 'identity_locked' }], 'verification_locked');
  }
  if (check.outcome === 'failed') return decision(stage, [{ key: 'identity_failed', values: { attemptsLeft: check.attemptsLeft } }], 'verification_failed');
  // Passed: the service has marked the conversation verified and loaded the facts.
  if (ctx.identity !== 'verified' || ctx.facts === null) return decision(IDLE, [{ key: 'out_of_scope' }], 'guarded');
  const welcome: Reply = { key: 'verified', values: { name: ctx.facts.name } };
  if (pending === null || pending.intent === 'greeting') return decision(IDLE, [welcome, { key: 'verified_menu' }], 'verified');
  const resumed = handleIntent(pending.intent, ctx, { ...input, text: '', normalized: '', intent: pending.intent, entities: { date: pending.date, amountIdr: amountOf(pending.amount) } });
  return { ...resumed, replies: [welcome, ...resumed.replies] };
}

function handleIntent(intent: DialogueIntent, ctx: DialogueContext, input: TurnInput): TurnDecision {
  const verified = ctx.identity === 'verified' && ctx.facts !== null;
  if (NEEDS_IDENTITY.has(intent) && !verified) return gate(intent, ctx, input);
  switch (intent) {
    case 'greeting':
      return verified && ctx.facts ? decision(IDLE, [{ key: 'greeting_verified', values: { name: ctx.facts.name } }], 'greeting') : decision(IDLE, [{ key: 'greeting' }], 'greeting');
    case 'thanks_bye':
      return decision(IDLE, [{ key: 'thanks_bye' }], 'closed', [{ kind: 'resolve' }]);
    case 'out_of_scope':
      return decision(IDLE, [{ key: 'out_of_scope' }], 'out_of_scope');
    case 'third_party':
      // Whoever is writing now is not the verified debtor: forget the verification before saying anything.
      return decision({ kind: 'third_party_offer' }, [{ key: 'third_party_offer' }], 'third_party', ctx.identity === 'verified' ? [{ kind: 'revoke_verification' }] : []);
    case 'human_agent':
      if (!ctx.hasCandidate && !verified) return gate(intent, ctx, input);
      return decision(IDLE, [{ key: 'handoff_done' }], 'handoff', [{ kind: 'handoff' }]);
    case 'stop_contact': {
      const named = mentionedChannels(input.normalized);
      if (ctx.channel === 'whatsapp') {
        // The number itself may always be opted out, verified or not (it may belong to someone new); email needs identity.
        const channels = verified ? named : named.filter((c) => c !== 'email');
        return optOut(channels.length > 0 ? channels : ['whatsapp']);
      }
      if (!verified) return gate(intent, ctx, input);
      return named.length > 0 ? optOut(named) : decision({ kind: 'stop_channel' }, [{ key: 'stop_ask_channel' }], 'collecting');
    }
    default:
      return verifiedIntent(intent, ctx, input);
  }
}

/** Asks for the account number or the identity answer, remembering what the person wanted. */
function gate(intent: DialogueIntent, ctx: DialogueContext, input: TurnInput): TurnDecision {
  if (ctx.identity === 'locked') return decision(IDLE, [{ key: 'identity_locked' }], 'verification_locked');
  if (ctx.identity === 'unverifiable') return decision(IDLE, [{ key: 'identity_unavailable' }], 'verification_unavailable');
  const pending: PendingIntent = { intent, date: input.entities.date, amount: amountStr(input.entities.amountIdr) };
  return ctx.hasCandidate
    ? decision({ kind: 'await_identity', pending }, [{ key: 'ask_identity' }], 'verification_requested')
    : decision({ kind: 'await_account', pending }, [{ key: 'ask_account' }], 'verification_requested');
}

function verifiedIntent(intent: DialogueIntent, ctx: DialogueContext, input: TurnInput): TurnDecision {
  const facts = ctx.facts;
  const account = primary(ctx);
  if (facts === null || account === null) return decision(IDLE, [{ key: 'out_of_scope' }], 'no_account');
  const listed = facts.accounts.slice(0, MAX_ACCOUNTS_LISTED);
  switch (intent) {
    case 'check_balance':
      return decision(IDLE, listed.map((a) => ({ key: 'balance', values: { accountNo: a.accountNo, amount: a.outstandingIdr } })), 'info_balance');
    case 'due_date':
      return decision(IDLE, listed.map((a): Reply => (a.nextDueDate !== null && a.nextDueAmountIdr !== null
        ? { key: 'due_date', values: { accountNo: a.accountNo, amount: a.nextDueAmountIdr, dueDate: a.nextDueDate } }
        : { key: 'no_due', values: { accountNo: a.accountNo } })), 'info_due_date');
    case 'payment_methods':
      return decision(IDLE, listed.map((a): Reply => (a.vaNumber !== null
        ? { key: 'payment_va', values: { accountNo: a.accountNo, vaNumber: a.vaNumber } }
        : { key: 'payment_no_va', values: { accountNo: a.accountNo } })), 'info_payment_methods');
    case 'promise_to_pay':
      if (facts.pendingPromise !== null) {
        return decision(IDLE, [{ key: 'ptp_already_pending', values: { amount: facts.pendingPromise.amountIdr, promiseDate: facts.pendingPromise.promisedDate } }], 'ptp_exists');
      }
      return collectPromise(input.entities.date, input.entities.amountIdr, ctx);
    case 'request_restructuring':
      return decision({ kind: 'restructure_reason' }, [{ key: 'restructure_ask_reason' }], 'collecting');
    case 'discount_settlement':
      if (input.entities.amountIdr !== null && input.entities.amountIdr > 0n) {
        return decision(IDLE, [{ key: 'settlement_created', values: { amount: input.entities.amountIdr } }], 'relief_requested', [
          { kind: 'request', requestKind: 'settlement', accountId: account.accountId, reason: freeText(input.text) || null, amountIdr: input.entities.amountIdr },
        ]);
      }
      return decision({ kind: 'settlement_amount' }, [{ key: 'settlement_ask_amount' }], 'collecting');
    case 'already_paid':
      return decision({ kind: 'paid_proof' }, [{ key: 'paid_ask_proof' }], 'collecting');
    case 'dispute':
    case 'complaint':
      return decision({ kind: 'case_detail', caseKind: intent }, [{ key: intent === 'dispute' ? 'dispute_ask_detail' : 'complaint_ask_detail' }], 'collecting');
    default:
      return decision(IDLE, [{ key: 'out_of_scope' }], 'out_of_scope');
  }
}

function continuePromiseStage(stage: Extract<Stage, { kind: 'ptp_collect' | 'ptp_confirm' }>, intent: DialogueIntent, ctx: DialogueContext, input: TurnInput): TurnDecision {
  const account = primary(ctx);
  if (ctx.identity !== 'verified' || account === null) return handleIntent(intent, ctx, input);
  const { date, amountIdr } = input.entities;
  if (stage.kind === 'ptp_confirm' && date === null && amountIdr === null) {
    if (saysYes(input)) {
      const amount = BigInt(stage.amount);
      return decision(IDLE, [{ key: 'ptp_created', values: { amount, promiseDate: stage.date } }], 'ptp_created', [
        { kind: 'create_promise', accountId: account.accountId, date: stage.date, amountIdr: amount },
      ]);
    }
    if (saysNo(input)) return decision({ kind: 'ptp_collect', date: null, amount: null }, [{ key: 'ptp_ask' }], 'collecting');
  }
  if (date === null && amountIdr === null) {
    if (isCancel(input)) return cancelled();
    // Something else entirely (a balance question in the middle): answer it and drop the half-made promise.
    if (intent !== 'promise_to_pay' && intent !== 'out_of_scope') return handleIntent(intent, ctx, input);
  }
  return collectPromise(date ?? stage.date, amountIdr ?? amountOf(stage.amount), ctx);
}

function collectPromise(date: string | null, amountIdr: bigint | null, ctx: DialogueContext): TurnDecision {
  const account = primary(ctx);
  if (account === null) return decision(IDLE, [{ key: 'out_of_scope' }], 'no_account');
  const collect = (dt: string | null, am: bigint | null): Stage => ({ kind: 'ptp_collect', date: dt, amount: amountStr(am) });
  if (date === null && amountIdr === null) return decision(collect(null, null), [{ key: 'ptp_ask' }], 'collecting');
  if (date === null) return decision(collect(null, amountIdr), [{ key: 'ptp_ask_date' }], 'collecting');
  if (amountIdr === null) return decision(collect(date, null), [{ key: 'ptp_ask_amount' }], 'collecting');
  const check = checkPromise(ctx.promisePolicy, { today: ctx.today, outstandingIdr: account.outstandingIdr, nextDueAmountIdr: account.nextDueAmountIdr }, date, amountIdr);
  if (check.ok) {
    return decision({ kind: 'ptp_confirm', date, amount: amountIdr.toString() }, [{ key: 'ptp_confirm', values: { amount: amountIdr, promiseDate: date, accountNo: account.accountNo } }], 'collecting');
  }
  switch (check.reason) {
    case 'date_past':
      return decision(collect(null, amountIdr), [{ key: 'ptp_date_past' }], 'ptp_rejected');
    case 'date_too_far':
      return decision(collect(null, amountIdr), [{ key: 'ptp_date_too_far', values: { maxDate: check.maxDate } }], 'ptp_rejected');
    case 'amount_too_low':
      return decision(collect(date, null), [{ key: 'ptp_amount_too_low', values: { minAmount: check.minAmountIdr } }], 'ptp_rejected');
    case 'amount_too_high':
      return decision(collect(date, null), [{ key: 'ptp_amount_too_high', values: { amount: check.outstandingIdr } }], 'ptp_rejected');
  }
}

function optOut(channels: readonly OptOutChannel[]): TurnDecision {
  const names = channels.map((c) => CHANNEL_NAMES[c]);
  const list = names.length > 1 ? `${names.slice(0, -1).join(', ')} dan ${names.at(-1) ?? ''}` : (names[0] ?? '');
  return decision(IDLE, [{ key: 'stop_done', values: { channels: list } }], 'opted_out', [{ kind: 'opt_out', channels }]);
}

const CHANNEL_NAMES: Readonly<Record<OptOutChannel, string>> = { sms: 'SMS', whatsapp: 'WhatsApp', voice: 'telepon', email: 'email' };

function primary(ctx: DialogueContext): AccountFacts | null {
  return ctx.facts?.accounts[0] ?? null;
}

/** Short answers: the normaliser drops particles such as "ya", so the raw text is read too. */
function saysYes(input: TurnInput): boolean {
  return isYes(input.normalized) || isYes(input.text.toLowerCase());
}

function saysNo(input: TurnInput): boolean {
  return isNo(input.normalized) || isNo(input.text.toLowerCase());
}

function isCancel(input: TurnInput): boolean {
  return /^(batal|tidak jadi|cancel|nanti saja|tidak usah)\b/.test(input.normalized.trim());
}

function cancelled(): TurnDecision {
  return decision(IDLE, [{ key: 'cancelled' }], 'cancelled');
}

export { OPT_OUT_CHANNELS };
export type { OptOutChannel };
