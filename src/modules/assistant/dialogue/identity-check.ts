import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import { accountNumberCandidates, attemptsLeft, identityMatches, isLocked, isVerifiable, parseIdentityAnswer, recordFailure, type IdentityCheck, type IdentityRecord } from '../../../domain/assistant/index.ts';
import { audit, SYSTEM_ACTOR } from '../../audit/index.ts';
import type { AssistantRuntime } from './runtime.ts';
import * as repo from './repo.ts';

/** Decrypts birth date and NIK only to compare them; the plaintext never leaves this function's caller. */
export async function identityRecordOf(rt: AssistantRuntime, db: Kysely<Database>, debtorId: string): Promise<IdentityRecord> {
  const env = await repo.identityEnvelopes(db, debtorId);
  return {
    birthDate: env?.birthDateEnc ? rt.deps.cipher.decrypt(env.birthDateEnc) : null,
    nik: env?.nikEnc ? rt.deps.cipher.decrypt(env.nikEnc) : null,
  };
}

export interface CheckOutcome {
  readonly check: IdentityCheck | null;
  /** The turn was an identity answer: its text must not be stored or shown anywhere. */
  readonly sensitive: boolean;
  readonly patch: repo.ConversationPatch;
}

/**
 * Checks an identity answer against the candidate debtor, counting failures per debtor (all channels) and locking
 * with an audit row and a security review work item on the failure that reaches the limit.
 */
export async function checkIdentityAnswer(rt: AssistantRuntime, trx: Kysely<Database>, conv: repo.Conversation, text: string, now: Date): Promise<CheckOutcome> {
  const answer = parseIdentityAnswer(text);
  if (answer === null) return { check: null, sensitive: false, patch: {} };
  const conversationFailures = conv.failed_verifications + 1;
  if (conv.debtor_id === null) {
    // The account number given earlier does not exist: an ordinary failure, counted on the conversation.
    const left = Math.max(0, rt.maxAccountAttempts - conversationFailures);
    return { check: { kind: 'identity', outcome: left > 0 ? 'failed' : 'locked', attemptsLeft: left }, sensitive: true, patch: { failed_verifications: conversationFailures } };
  }
  const debtorId = conv.debtor_id;
  const state = await repo.lockStateForUpdate(trx, debtorId, now);
  if (isLocked(state, now)) return { check: { kind: 'identity', outcome: 'locked', attemptsLeft: 0 }, sensitive: true, patch: {} };
  const record = await identityRecordOf(rt, trx, debtorId);
  if (!isVerifiable(record)) return { check: { kind: 'identity', outcome: 'unverifiable', attemptsLeft: 0 }, sensitive: true, patch: {} };
  if (identityMatches(answer, record)) {
    await repo.saveLockState(trx, debtorId, null);
    return { check: { kind: 'identity', outcome: 'passed', attemptsLeft: rt.lockout.maxFailures }, sensitive: true, patch: { verified_at: now } };
  }
  const next = recordFailure(state, now, rt.lockout);
  await repo.saveLockState(trx, debtorId, next.state);
  const patch = { failed_verifications: conversationFailures };
  if (next.newlyLocked) {
    await audit(trx, {
      actor: SYSTEM_ACTOR,
      action: 'assistant.identity_locked',
      entityType: 'debtor',
      entityId: debtorId,
      reason: `${next.state.failures} failed identity verifications in the assistant`,
      details: { conversation_id: conv.id, channel: conv.channel, locked_until: next.state.lockedUntil?.toISOString() ?? null },
      at: now,
    });
    await repo.insertWorkItem(trx, {
      idempotencyKey: `assistant-identity-lock:${debtorId}:${now.toISOString()}`,
      kind: 'review',
      queue: 'assistant_security',
      debtorId,
      accountId: conv.account_id,
      priority: 50,
      notes: `Verifikasi identitas di asisten (${conv.channel}) terkunci setelah ${next.state.failures} percobaan gagal. Periksa kemungkinan penyalahgunaan.`,
      dueAt: now,
    });
    return { check: { kind: 'identity', outcome: 'locked', attemptsLeft: 0 }, sensitive: true, patch };
  }
  return { check: { kind: 'identity', outcome: 'failed', attemptsLeft: attemptsLeft(next.state, now, rt.lockout) }, sensitive: true, patch };
}

/**
 * Web (or an unknown WhatsApp number): takes the account number typed in the message as the candidate debtor.
 * The reply is the same whether the number exists or not (always "now your birth date and NIK"), so the chat
 * cannot be used to find out which account numbers exist; a wrong number simply fails the identity step.
 */
export async function checkAccountAnswer(trx: Kysely<Database>, text: string): Promise<CheckOutcome> {
  const candidates = accountNumberCandidates(text);
  if (candidates.length === 0) return { check: null, sensitive: false, patch: {} };
  for (const accountNo of candidates) {
    const found = await repo.accountByNumber(trx, accountNo);
    if (found) return { check: { kind: 'account', outcome: 'found', attemptsLeft: 0 }, sensitive: false, patch: { debtor_id: found.debtorId, account_id: found.accountId } };
  }
  return { check: { kind: 'account', outcome: 'found', attemptsLeft: 0 }, sensitive: false, patch: { debtor_id: null, account_id: null } };
}
