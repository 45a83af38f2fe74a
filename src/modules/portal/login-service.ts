import { createHash, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import type { AppDeps } from '../../app-deps.ts';
import { afterWrongCode, normalizeAccountNo, OTP_POLICY, otpRequestVerdict, otpUsability } from '../../domain/portal/otp-rules.ts';
import { AppError } from '../../lib/app-error.ts';
import { audit, SYSTEM_ACTOR } from '../audit/index.ts';
import { newSessionToken, sessionIdOf } from '../auth/index.ts';
import type { OtpSender } from './otp-sender.ts';
import * as repo from './repo.ts';

export interface OtpRequest {
  readonly accountNo: string;
  /** `YYYY-MM-DD`: a second fact only the debtor should know, so a bare account number sends nothing. */
  readonly birthDate: string;
  readonly ip: string | null;
}

/** The same answer for every request that passes the rate limit, account or no account. */
export interface OtpChallenge {
  readonly challengeId: string;
  readonly expiresAt: Date;
}

const PORTAL_ACTOR = { id: null, label: 'portal' } as const;

/** sha256 of the normalised account number: rate limits and lockouts per number without storing unknown numbers. */
function accountKeyOf(accountNo: string): string {
  return createHash('sha256').update(normalizeAccountNo(accountNo), 'utf8').digest('hex');
}

/** Keyed hash of challenge id + code (the PII blind-index key): without the key a leaked row cannot be brute-forced. */
function codeHashOf(deps: AppDeps, challengeId: string, code: string): string {
  return deps.cipher.blindIndex(`portal-otp:${challengeId}:${code}`);
}

/**
 * Issues a login challenge. When the account exists, the birth date matches and a phone is registered, a 6-digit
 * code goes to that phone through the OtpSender; otherwise a challenge with an unguessable hash is stored and
 * nothing is sent. Either way the caller gets a challenge id, so the answer never tells whether the account exists.
 * Refused (429/423) per account number when asked too often or after a lock, again regardless of existence, and
 * (429) per client address after OTP_POLICY.maxRequestsPerIpPerWindow codes in the window.
 */
export async function requestOtp(deps: AppDeps, sender: OtpSender, req: OtpRequest): Promise<OtpChallenge> {
  const now = deps.now();
  const accountKey = accountKeyOf(req.accountNo);
  const challengeId = randomUUID();
  const expiresAt = new Date(now.getTime() + OTP_POLICY.ttlMs);
  const code = randomInt(0, 1_000_000).toString().padStart(6, '0');
  if (req.ip !== null && (await repo.challengesFromIp(deps.db.kysely, req.ip, new Date(now.getTime() - OTP_POLICY.requestWindowMs))) >= OTP_POLICY.maxRequestsPerIpPerWindow) {
    throw new AppError('TAGIH_RATE_LIMITED', 'too many codes requested from this address; try again later');
  }
  const delivery = await deps.db.kysely.transaction().execute(async (trx) => {
    await repo.lockAccountKey(trx, accountKey);
    const history = await repo.challengeHistory(trx, accountKey, new Date(now.getTime() - Math.max(OTP_POLICY.requestWindowMs, OTP_POLICY.lockoutMs)));
    const lastLock = history.reduce<Date | null>((m, h) => (h.locked_at && (!m || h.locked_at > m) ? h.locked_at : m), null);
    const verdict = otpRequestVerdict(history.map((h) => h.created_at), lastLock, now);
    if (!verdict.ok) {
      throw verdict.reason === 'locked'
        ? new AppError('TAGIH_LOCKED', 'too many wrong codes; try again later', { retry_at: verdict.retryAt.toISOString() })
        : new AppError('TAGIH_RATE_LIMITED', 'too many codes requested; try again later', { retry_at: verdict.retryAt.toISOString() });
    }
    const account = await repo.accountForLogin(trx, normalizeAccountNo(req.accountNo));
    const birthOk = account?.birthDateEnc ? deps.cipher.decrypt(account.birthDateEnc) === req.birthDate : false;
    const phone = account && birthOk ? await repo.registeredPhone(trx, account.debtorId) : undefined;
    const deliverable = account && phone ? { debtorId: account.debtorId, accountId: account.accountId, contactId: phone.id, phone: deps.cipher.decrypt(phone.value_enc) } : null;
    await repo.insertChallenge(trx, {
      id: challengeId,
      accountKey,
      debtorId: deliverable?.debtorId ?? null,
      accountId: deliverable?.accountId ?? null,
      contactId: deliverable?.contactId ?? null,
      // Undeliverable challenges get the hash of a code nobody knows, so every verification fails the same way.
      codeHash: codeHashOf(deps, challengeId, deliverable ? code : `x${randomUUID()}`),
      now,
      expiresAt,
      maxAttempts: OTP_POLICY.maxAttempts,
      ip: req.ip,
    });
    if (deliverable) {
      await audit(trx, { actor: PORTAL_ACTOR, action: 'portal.otp_sent', entityType: 'debtor', entityId: deliverable.debtorId, details: { challenge_id: challengeId, contact_id: deliverable.contactId }, at: now });
    }
    return deliverable;
  });
  if (delivery) {
    const text = `Kode masuk portal Tagih Anda: ${code}. Berlaku 5 menit. Jangan berikan kode ini kepada siapa pun, termasuk petugas.`;
    await sender.send({ debtorId: delivery.debtorId, contactId: delivery.contactId, phone: delivery.phone, code, text, expiresAt });
  }
  return { challengeId, expiresAt };
}

export interface PortalLogin {
  readonly token: string;
  readonly expiresAt: Date;
}

/**
 * Checks a code against its challenge. Wrong, expired and unknown all answer 401 alike; the fifth wrong code locks
 * the challenge (423) and the account number for OTP_POLICY.lockoutMs, with an audit row when the account exists.
 * Success consumes the challenge and opens a debtor session (only the token's sha256 is stored).
 */
export async function verifyOtp(deps: AppDeps, challengeId: string, code: string): Promise<PortalLogin> {
  const now = deps.now();
  const outcome = await deps.db.kysely.transaction().execute(async (trx) => {
    const c = await repo.challengeForUpdate(trx, challengeId);
    if (!c) return { kind: 'invalid' as const, attemptsLeft: OTP_POLICY.maxAttempts - 1 };
    const state = { attempts: c.attempts, maxAttempts: c.max_attempts, expiresAt: c.expires_at, consumedAt: c.consumed_at, lockedAt: c.locked_at };
    const usable = otpUsability(state, now);
    if (usable === 'locked') return { kind: 'locked' as const };
    if (usable !== 'usable') return { kind: 'invalid' as const, attemptsLeft: 0 };
    const expected = Buffer.from(c.code_hash, 'utf8');
    const given = Buffer.from(codeHashOf(deps, c.id, code), 'utf8');
    if (c.debtor_id !== null && expected.length === given.length && timingSafeEqual(expected, given)) {
      await repo.updateChallenge(trx, c.id, { consumed_at: now });
      const token = newSessionToken();
      const expiresAt = new Date(now.getTime() + OTP_POLICY.sessionTtlMs);
      await repo.insertSession(trx, { id: sessionIdOf(token), debtorId: c.debtor_id, otpId: c.id, now, expiresAt });
      await audit(trx, { actor: PORTAL_ACTOR, action: 'portal.login', entityType: 'debtor', entityId: c.debtor_id, details: { challenge_id: c.id }, at: now });
      return { kind: 'ok' as const, token, expiresAt };
    }
    const next = afterWrongCode(state);
    await repo.updateChallenge(trx, c.id, next.locks ? { attempts: next.attempts, locked_at: now } : { attempts: next.attempts });
    if (next.locks && c.debtor_id !== null) {
      await audit(trx, { actor: SYSTEM_ACTOR, action: 'portal.otp_locked', entityType: 'debtor', entityId: c.debtor_id, reason: `${next.attempts} wrong portal login codes`, details: { challenge_id: c.id, ip: c.ip }, at: now });
    }
    return next.locks ? { kind: 'locked' as const } : { kind: 'invalid' as const, attemptsLeft: next.attemptsLeft };
  });
  switch (outcome.kind) {
    case 'ok':
      return { token: outcome.token, expiresAt: outcome.expiresAt };
    case 'locked':
      throw new AppError('TAGIH_LOCKED', 'too many wrong codes; request a new code later');
    case 'invalid':
      throw new AppError('TAGIH_UNAUTHENTICATED', 'the code is wrong or has expired', { attempts_left: outcome.attemptsLeft });
  }
}
