import type { Kysely } from 'kysely';
import type { Database, User } from '../../db/schema.ts';
import type { Role } from '../../domain/permissions.ts';

type Q = Kysely<Database>;

export async function findUserByUsername(db: Q, username: string): Promise<User | undefined> {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function findUserById(db: Q, id: string): Promise<User | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function recordLoginAttempt(db: Q, a: { username: string; ip: string | null; succeeded: boolean; at: Date }): Promise<void> {
  await db.insertInto('login_attempts').values({ username: a.username, ip: a.ip, succeeded: a.succeeded, attempted_at: a.at }).execute();
}

export async function countIpFailuresSince(db: Q, ip: string, since: Date): Promise<number> {
  const r = await db
    .selectFrom('login_attempts')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('ip', '=', ip)
    .where('succeeded', '=', false)
    .where('attempted_at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function countUsernameFailuresSince(db: Q, username: string, since: Date): Promise<number> {
  const r = await db
    .selectFrom('login_attempts')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('username', '=', username)
    .where('succeeded', '=', false)
    .where('attempted_at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function setFailureState(db: Q, userId: string, s: { failedLogins: number; lockedUntil: Date | null }): Promise<void> {
  await db.updateTable('users').set({ failed_logins: s.failedLogins, locked_until: s.lockedUntil }).where('id', '=', userId).execute();
}

export async function clearFailures(db: Q, userId: string): Promise<void> {
  await db.updateTable('users').set({ failed_logins: 0, locked_until: null }).where('id', '=', userId).execute();
}

export async function insertSession(
  db: Q,
  s: { id: string; userId: string; mfaVerified: boolean; createdAt: Date; expiresAt: Date; ip: string | null; userAgent: string | null },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({ id: s.id, user_id: s.userId, mfa_verified: s.mfaVerified, created_at: s.createdAt, expires_at: s.expiresAt, ip: s.ip, user_agent: s.userAgent })
    .execute();
}

export interface SessionWithUser {
  readonly sessionId: string;
  readonly expiresAt: Date;
  readonly mfaVerified: boolean;
  readonly userId: string;
  readonly username: string;
  readonly role: Role;
  readonly teamId: string | null;
  readonly mfaEnabled: boolean;
  readonly disabledAt: Date | null;
}

export async function findSessionWithUser(db: Q, sessionId: string): Promise<SessionWithUser | undefined> {
  const r = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id as sessionId',
      'sessions.expires_at as expiresAt',
      'sessions.mfa_verified as mfaVerified',
      'users.id as userId',
      'users.username as username',
      'users.role as role',
      'users.team_id as teamId',
      'users.mfa_enabled as mfaEnabled',
      'users.disabled_at as disabledAt',
    ])
    .where('sessions.id', '=', sessionId)
    .executeTakeFirst();
  return r;
}

export async function deleteSession(db: Q, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

/** Ends every session of a user (disable, password reset, lockout during MFA). */
export async function deleteUserSessions(db: Q, userId: string): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

export async function deleteExpiredSessions(db: Q, userId: string, now: Date): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).where('expires_at', '<=', now).execute();
}

export async function markSessionMfaVerified(db: Q, sessionId: string): Promise<void> {
  await db.updateTable('sessions').set({ mfa_verified: true }).where('id', '=', sessionId).execute();
}

export async function setPendingMfaSecret(db: Q, userId: string, secretEnc: string): Promise<void> {
  await db.updateTable('users').set({ mfa_secret_enc: secretEnc, mfa_enabled: false, mfa_last_step: null }).where('id', '=', userId).execute();
}

/**
 * Records that a TOTP step was used, only if it is later than the last one used.
 * One conditional UPDATE, so two requests racing with the same code cannot both pass.
 */
export async function acceptTotpStep(db: Q, userId: string, step: bigint): Promise<boolean> {
  const r = await db
    .updateTable('users')
    .set({ mfa_last_step: step, failed_logins: 0 })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('mfa_last_step', 'is', null), eb('mfa_last_step', '<', step)]))
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

export async function enableMfa(db: Q, userId: string): Promise<void> {
  await db.updateTable('users').set({ mfa_enabled: true }).where('id', '=', userId).execute();
}
