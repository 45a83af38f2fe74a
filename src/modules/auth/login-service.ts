import type { AppDeps } from '../../app-deps.ts';
import type { User } from '../../db/schema.ts';
import { afterFailure, ipWindowStart, isLocked, LOGIN_LIMITS } from '../../domain/login-throttle.ts';
import { audit, SYSTEM_ACTOR } from '../audit/index.ts';
import { verifyPassword } from './password.ts';
import {
  clearFailures,
  countIpFailuresSince,
  countUsernameFailuresSince,
  deleteExpiredSessions,
  findUserByUsername,
  insertSession,
  recordLoginAttempt,
  setFailureState,
} from './repo.ts';
import { newSessionToken, SESSION_TTL_MS, sessionIdOf } from './session-token.ts';

export interface LoginRequest {
  readonly username: string;
  readonly password: string;
  readonly ip: string | null;
  readonly userAgent: string | null;
}

export type LoginOutcome =
  | { readonly ok: true; readonly token: string; readonly user: User; readonly expiresAt: Date }
  | { readonly ok: false; readonly reason: 'invalid_credentials' | 'locked' | 'throttled' };

/** Usernames are compared case-insensitively and stored lower-case. */
export function normalizeUsername(username: string): string {
  return username.trim().toLowerCase();
}

/**
 * Signs a user in. Refuses an IP with too many recent failures before doing any work, a locked user
 * without checking the password, and answers an unknown or disabled user exactly like a wrong password
 * (same status, same message, one argon2 verification either way).
 */
export async function login(deps: AppDeps, req: LoginRequest): Promise<LoginOutcome> {
  const db = deps.db.kysely;
  const now = deps.now();
  const username = normalizeUsername(req.username);

  if (req.ip !== null && (await countIpFailuresSince(db, req.ip, ipWindowStart(now))) >= LOGIN_LIMITS.maxIpFailures) {
    await audit(db, { actor: SYSTEM_ACTOR, action: 'auth.login_throttled', entityType: 'ip', entityId: req.ip, details: { username }, at: now });
    return { ok: false, reason: 'throttled' };
  }

  const user = await findUserByUsername(db, username);
  if (user && isLocked(user.locked_until, now)) {
    await recordLoginAttempt(db, { username, ip: req.ip, succeeded: false, at: now });
    await audit(db, { actor: SYSTEM_ACTOR, action: 'auth.login_failed', entityType: 'user', entityId: user.id, details: { username, ip: req.ip, reason: 'locked' }, at: now });
    return { ok: false, reason: 'locked' };
  }

  const passwordOk = await verifyPassword(user?.password_hash ?? null, req.password);
  if (!user || !passwordOk || user.disabled_at !== null) {
    return failure(deps, username, user, req.ip, now, !user ? 'unknown_user' : user.disabled_at !== null && passwordOk ? 'disabled' : 'bad_password');
  }

  const token = newSessionToken();
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await db.transaction().execute(async (trx) => {
    await clearFailures(trx, user.id);
    await recordLoginAttempt(trx, { username, ip: req.ip, succeeded: true, at: now });
    await deleteExpiredSessions(trx, user.id, now);
    await insertSession(trx, { id: sessionIdOf(token), userId: user.id, mfaVerified: false, createdAt: now, expiresAt, ip: req.ip, userAgent: req.userAgent });
    await audit(trx, { actor: { id: user.id, label: user.username }, action: 'auth.login', entityType: 'user', entityId: user.id, details: { ip: req.ip }, at: now });
  });
  return { ok: true, token, user, expiresAt };
}

async function failure(
  deps: AppDeps,
  username: string,
  user: User | undefined,
  ip: string | null,
  now: Date,
  why: 'unknown_user' | 'disabled' | 'bad_password',
): Promise<LoginOutcome> {
  const db = deps.db.kysely;
  return db.transaction().execute(async (trx) => {
    await recordLoginAttempt(trx, { username, ip, succeeded: false, at: now });
    await audit(trx, { actor: SYSTEM_ACTOR, action: 'auth.login_failed', entityType: 'user', entityId: user?.id ?? null, details: { username, ip, reason: why }, at: now });
    if (!user) {
      // Unknown names lock after the same number of tries as real ones, so a lockout reveals nothing.
      const since = new Date(now.getTime() - LOGIN_LIMITS.lockMinutes * 60_000);
      const recent = await countUsernameFailuresSince(trx, username, since);
      return { ok: false, reason: recent >= LOGIN_LIMITS.maxUserFailures ? 'locked' : 'invalid_credentials' };
    }
    const next = afterFailure(user.failed_logins, now);
    await setFailureState(trx, user.id, next);
    if (next.lockedUntil) {
      await audit(trx, { actor: SYSTEM_ACTOR, action: 'auth.locked', entityType: 'user', entityId: user.id, details: { username, ip, locked_until: next.lockedUntil.toISOString() }, at: now });
      return { ok: false, reason: 'locked' };
    }
    return { ok: false, reason: 'invalid_credentials' };
  });
}
