import type { AppDeps } from '../../app-deps.ts';
import { afterFailure } from '../../domain/login-throttle.ts';
import { AppError } from '../../lib/app-error.ts';
import type { Principal } from '../../lib/route-access.ts';
import { audit, SYSTEM_ACTOR } from '../audit/index.ts';
import { actorOf } from './actor.ts';
import { acceptTotpStep, deleteUserSessions, enableMfa, findUserById, markSessionMfaVerified, setFailureState, setPendingMfaSecret } from './repo.ts';
import { matchTotp, newTotpSecret, otpauthUri } from './totp.ts';

export interface MfaEnrolment {
  readonly secret: string;
  readonly otpauthUri: string;
}

async function currentUser(deps: AppDeps, principal: Principal) {
  const user = await findUserById(deps.db.kysely, principal.userId);
  if (!user) throw new AppError('TAGIH_UNAUTHENTICATED', 'sign in first');
  return user;
}

/**
 * Starts TOTP enrolment: a new secret, stored encrypted, shown once. Refused when MFA is already active,
 * so someone holding only the password cannot replace the second factor (an admin resets it instead).
 */
export async function enrollMfa(deps: AppDeps, principal: Principal): Promise<MfaEnrolment> {
  const user = await currentUser(deps, principal);
  if (user.mfa_enabled) throw new AppError('TAGIH_CONFLICT', 'MFA is already active; ask an administrator to reset it');
  const secret = newTotpSecret();
  await deps.db.kysely.transaction().execute(async (trx) => {
    await setPendingMfaSecret(trx, user.id, deps.cipher.encrypt(secret));
    await audit(trx, { actor: actorOf(principal), action: 'auth.mfa_enrolment_started', entityType: 'user', entityId: user.id, at: deps.now() });
  });
  return { secret, otpauthUri: otpauthUri(secret, user.username) };
}

/** Confirms enrolment with a first code from the authenticator; the session counts as verified. */
export async function activateMfa(deps: AppDeps, principal: Principal, code: string): Promise<void> {
  const user = await currentUser(deps, principal);
  if (user.mfa_enabled) throw new AppError('TAGIH_CONFLICT', 'MFA is already active');
  if (!user.mfa_secret_enc) throw new AppError('TAGIH_CONFLICT', 'start enrolment first (POST /auth/mfa/enroll)');
  await checkCode(deps, principal, user.id, deps.cipher.decrypt(user.mfa_secret_enc), code, user.failed_logins);
  await deps.db.kysely.transaction().execute(async (trx) => {
    await enableMfa(trx, user.id);
    await markSessionMfaVerified(trx, principal.sessionId);
    await audit(trx, { actor: actorOf(principal), action: 'auth.mfa_enrolled', entityType: 'user', entityId: user.id, at: deps.now() });
  });
}

/** The second step of sign-in for users with MFA active. */
export async function verifyMfa(deps: AppDeps, principal: Principal, code: string): Promise<void> {
  const user = await currentUser(deps, principal);
  if (!user.mfa_enabled || !user.mfa_secret_enc) throw new AppError('TAGIH_CONFLICT', 'MFA is not active; enrol first');
  await checkCode(deps, principal, user.id, deps.cipher.decrypt(user.mfa_secret_enc), code, user.failed_logins);
  await deps.db.kysely.transaction().execute(async (trx) => {
    await markSessionMfaVerified(trx, principal.sessionId);
    await audit(trx, { actor: actorOf(principal), action: 'auth.mfa_verified', entityType: 'user', entityId: user.id, at: deps.now() });
  });
}

/**
 * A wrong or replayed code counts as a failed sign-in: five in a row lock the user and end their sessions,
 * so the 6-digit space cannot be walked from one stolen password.
 */
async function checkCode(deps: AppDeps, principal: Principal, userId: string, secret: string, code: string, failedLogins: number): Promise<void> {
  const now = deps.now();
  const step = matchTotp(secret, code, now);
  if (step !== null && (await acceptTotpStep(deps.db.kysely, userId, step))) return;
  const next = afterFailure(failedLogins, now);
  await deps.db.kysely.transaction().execute(async (trx) => {
    await setFailureState(trx, userId, next);
    await audit(trx, { actor: actorOf(principal), action: 'auth.mfa_failed', entityType: 'user', entityId: userId, details: { reason: step === null ? 'wrong_code' : 'reused_code' }, at: now });
    if (next.lockedUntil) {
      await deleteUserSessions(trx, userId);
      await audit(trx, { actor: SYSTEM_ACTOR, action: 'auth.locked', entityType: 'user', entityId: userId, details: { locked_until: next.lockedUntil.toISOString() }, at: now });
    }
  });
  if (next.lockedUntil) throw new AppError('TAGIH_LOCKED', 'too many failed attempts; try again later');
  throw new AppError('TAGIH_VALIDATION', 'invalid or already used code');
}
