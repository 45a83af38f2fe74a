import type { Kysely } from 'kysely';
import type { AppDeps } from '../../app-deps.ts';
import type { Database, User } from '../../db/schema.ts';
import { checkPassword } from '../../domain/password-policy.ts';
import type { Role } from '../../domain/permissions.ts';
import { AppError } from '../../lib/app-error.ts';
import { audit, type Actor } from '../audit/index.ts';
import { normalizeUsername } from './login-service.ts';
import { hashPassword } from './password.ts';
import { deleteUserSessions, findUserById } from './repo.ts';

export interface NewUser {
  readonly username: string;
  readonly displayName?: string | undefined;
  readonly role: Role;
  readonly teamId?: string | null | undefined;
  readonly password: string;
}

export interface UserChange {
  readonly displayName?: string | undefined;
  readonly role?: Role | undefined;
  readonly teamId?: string | null | undefined;
  readonly disabled?: boolean | undefined;
  /** Clears a lockout now instead of waiting for it to expire. */
  readonly unlock?: boolean | undefined;
  /** Removes the TOTP secret; the user must enrol again at next sign-in (lost phone). */
  readonly resetMfa?: boolean | undefined;
}

function rejectPassword(password: string, username: string): void {
  const check = checkPassword(password, username);
  if (!check.ok) throw new AppError('TAGIH_VALIDATION', check.message, [{ path: '/password', message: check.message }]);
}

async function assertTeam(db: Kysely<Database>, teamId: string | null | undefined): Promise<void> {
  if (!teamId) return;
  const team = await db.selectFrom('teams').select('id').where('id', '=', teamId).executeTakeFirst();
  if (!team) throw new AppError('TAGIH_VALIDATION', `no team ${teamId}`, [{ path: '/teamId', message: 'no such team' }]);
}

export async function listUsers(deps: AppDeps): Promise<User[]> {
  return deps.db.kysely.selectFrom('users').selectAll().orderBy('username').execute();
}

/** Creates a user after the password policy; audited with the creating actor (an admin, or the CLI/seed as system). */
export async function createUser(deps: AppDeps, actor: Actor, input: NewUser): Promise<User> {
  const username = normalizeUsername(input.username);
  rejectPassword(input.password, username);
  await assertTeam(deps.db.kysely, input.teamId);
  const passwordHash = await hashPassword(input.password);
  const now = deps.now();
  return deps.db.kysely.transaction().execute(async (trx) => {
    const exists = await trx.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
    if (exists) throw new AppError('TAGIH_CONFLICT', `username '${username}' is taken`);
    const user = await trx
      .insertInto('users')
      .values({ username, display_name: input.displayName ?? username, password_hash: passwordHash, role: input.role, team_id: input.teamId ?? null, password_changed_at: now, created_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(trx, { actor, action: 'user.created', entityType: 'user', entityId: user.id, details: { username, role: input.role, team_id: user.team_id }, at: now });
    return user;
  });
}

/** Changes role, team, name, disabled state, lock or MFA; an admin cannot demote or disable themselves (no lock-out of the last admin by accident). */
export async function updateUser(deps: AppDeps, actor: Actor, userId: string, change: UserChange): Promise<User> {
  const db = deps.db.kysely;
  const before = await findUserById(db, userId);
  if (!before) throw new AppError('TAGIH_NOT_FOUND', `no user ${userId}`);
  if (actor.id === userId && ((change.role !== undefined && change.role !== before.role) || change.disabled === true)) {
    throw new AppError('TAGIH_CONFLICT', 'you cannot change your own role or disable yourself');
  }
  await assertTeam(db, change.teamId);
  const now = deps.now();
  return db.transaction().execute(async (trx) => {
    const user = await trx
      .updateTable('users')
      .set({
        ...(change.displayName !== undefined ? { display_name: change.displayName } : {}),
        ...(change.role !== undefined ? { role: change.role } : {}),
        ...(change.teamId !== undefined ? { team_id: change.teamId } : {}),
        ...(change.disabled !== undefined ? { disabled_at: change.disabled ? (before.disabled_at ?? now) : null } : {}),
        ...(change.unlock ? { locked_until: null, failed_logins: 0 } : {}),
        ...(change.resetMfa ? { mfa_enabled: false, mfa_secret_enc: null, mfa_last_step: null } : {}),
      })
      .where('id', '=', userId)
      .returningAll()
      .executeTakeFirstOrThrow();
    // Disabling or resetting MFA must take effect now, not when the cookie expires.
    if (change.disabled === true || change.resetMfa) await deleteUserSessions(trx, userId);
    const details: Record<string, unknown> = {};
    if (change.displayName !== undefined && change.displayName !== before.display_name) details['display_name'] = { from: before.display_name, to: user.display_name };
    if (change.role !== undefined && change.role !== before.role) details['role'] = { from: before.role, to: user.role };
    if (change.teamId !== undefined && change.teamId !== before.team_id) details['team_id'] = { from: before.team_id, to: user.team_id };
    if (change.disabled !== undefined && change.disabled !== (before.disabled_at !== null)) details['disabled'] = change.disabled;
    if (change.unlock) details['unlocked'] = true;
    if (change.resetMfa) details['mfa_reset'] = true;
    await audit(trx, { actor, action: 'user.updated', entityType: 'user', entityId: userId, details, at: now });
    return user;
  });
}

/** Sets a new password chosen by an admin; ends the user's sessions and clears any lockout. */
export async function resetPassword(deps: AppDeps, actor: Actor, userId: string, password: string): Promise<void> {
  const db = deps.db.kysely;
  const user = await findUserById(db, userId);
  if (!user) throw new AppError('TAGIH_NOT_FOUND', `no user ${userId}`);
  rejectPassword(password, user.username);
  const passwordHash = await hashPassword(password);
  const now = deps.now();
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ password_hash: passwordHash, password_changed_at: now, failed_logins: 0, locked_until: null }).where('id', '=', userId).execute();
    await deleteUserSessions(trx, userId);
    await audit(trx, { actor, action: 'user.password_reset', entityType: 'user', entityId: userId, at: now });
  });
}

export async function listTeams(deps: AppDeps): Promise<{ id: string; name: string }[]> {
  return deps.db.kysely.selectFrom('teams').select(['id', 'name']).orderBy('name').execute();
}

/** Returns the team with this name, creating it when missing (idempotent: seeds and the CLI call it on every start). */
export async function ensureTeam(deps: AppDeps, actor: Actor, name: string): Promise<{ id: string; name: string; created: boolean }> {
  const db = deps.db.kysely;
  const existing = await db.selectFrom('teams').select(['id', 'name']).where('name', '=', name).executeTakeFirst();
  if (existing) return { ...existing, created: false };
  return db.transaction().execute(async (trx) => {
    const team = await trx.insertInto('teams').values({ name }).returning(['id', 'name']).executeTakeFirstOrThrow();
    await audit(trx, { actor, action: 'team.created', entityType: 'team', entityId: team.id, details: { name }, at: deps.now() });
    return { ...team, created: true };
  });
}
