/**
 * Acting as any role in one line, for tests of every module.
 *
 *   const { app, deps } = await testApp(db);
 *   const agent = await loginAs(app, deps, 'agent');
 *   await app.inject({ method: 'GET', url: '/api/v1/accounts', headers: agent.headers });
 *
 * `loginAs` goes through the real HTTP sign-in (argon2, session cookie) and, for admin/supervisor,
 * the real TOTP verification, so what it returns is exactly what a browser would hold.
 * `sessionFor` skips HTTP and inserts a session row: use it when a test needs hundreds of sessions.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../src/app-deps.ts';
import { requiresMfa, type Role } from '../../src/domain/permissions.ts';
import { SYSTEM_ACTOR } from '../../src/modules/audit/index.ts';
import { createUser as createUserWithPolicy, SESSION_COOKIE, SESSION_TTL_MS } from '../../src/modules/auth/index.ts';
import { newSessionToken, sessionIdOf } from '../../src/modules/auth/session-token.ts';
import { newTotpSecret, totpCode } from '../../src/modules/auth/totp.ts';

export interface TestUser {
  readonly id: string;
  readonly username: string;
  readonly password: string;
  readonly role: Role;
  readonly teamId: string | null;
  /** Base32 TOTP secret when MFA is active, else null. */
  readonly mfaSecret: string | null;
}

export interface CreateUserOptions {
  readonly role: Role;
  /** Default: `<role>-<random>`. */
  readonly username?: string;
  /** Default: a random 20-character password. */
  readonly password?: string;
  readonly teamId?: string | null;
  /** Activate TOTP. Default: true for roles that require it (admin, supervisor). */
  readonly mfa?: boolean;
}

/** Creates a user directly through the users service (password policy, argon2, audit). */
export async function createUser(deps: AppDeps, opts: CreateUserOptions): Promise<TestUser> {
  const username = opts.username ?? `${opts.role.replace('_', '-')}-${randomBytes(4).toString('hex')}`;
  const password = opts.password ?? `pw-${randomBytes(12).toString('hex')}`;
  const user = await createUserWithPolicy(deps, SYSTEM_ACTOR, { username, role: opts.role, teamId: opts.teamId ?? null, password });
  let mfaSecret: string | null = null;
  if (opts.mfa ?? requiresMfa(opts.role)) {
    mfaSecret = newTotpSecret();
    await deps.db.kysely.updateTable('users').set({ mfa_secret_enc: deps.cipher.encrypt(mfaSecret), mfa_enabled: true }).where('id', '=', user.id).execute();
  }
  return { id: user.id, username: user.username, password, role: user.role, teamId: user.team_id, mfaSecret };
}

export interface LoggedIn {
  readonly user: TestUser;
  /** The session token (also usable as `Authorization: Bearer <token>`). */
  readonly token: string;
  /** Pass to `app.inject({ headers })`. */
  readonly headers: { cookie: string };
}

/**
 * Signs in as a new user of `role` (or as the given user) over HTTP and, when the user has MFA,
 * verifies a TOTP code. Throws with the response body if any step fails.
 */
export async function loginAs(app: FastifyInstance, deps: AppDeps, who: Role | TestUser, opts: Omit<CreateUserOptions, 'role'> = {}): Promise<LoggedIn> {
  const user = typeof who === 'string' ? await createUser(deps, { ...opts, role: who }) : who;
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: user.username, password: user.password } });
  if (res.statusCode !== 200) throw new Error(`login as ${user.username} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE);
  if (!cookie) throw new Error('login set no session cookie');
  const headers = { cookie: `${SESSION_COOKIE}=${cookie.value}` };
  if (user.mfaSecret) {
    // A code is single-use; forget the last used step so a test may sign the same user in twice within 30 s.
    await deps.db.kysely.updateTable('users').set({ mfa_last_step: null }).where('id', '=', user.id).execute();
    const verify = await app.inject({ method: 'POST', url: '/api/v1/auth/mfa/verify', headers, payload: { code: totpCode(user.mfaSecret, deps.now()) } });
    if (verify.statusCode !== 200) throw new Error(`MFA verify for ${user.username} failed: ${verify.statusCode} ${verify.body}`);
  }
  return { user, token: cookie.value, headers };
}

/** A session for `user` inserted directly (no HTTP, no argon2): `mfaVerified` defaults to true. */
export async function sessionFor(deps: AppDeps, user: Pick<TestUser, 'id'>, opts: { mfaVerified?: boolean; expiresAt?: Date } = {}): Promise<Pick<LoggedIn, 'headers' | 'token'>> {
  const token = newSessionToken();
  const now = deps.now();
  await deps.db.kysely
    .insertInto('sessions')
    .values({ id: sessionIdOf(token), user_id: user.id, mfa_verified: opts.mfaVerified ?? true, created_at: now, expires_at: opts.expiresAt ?? new Date(now.getTime() + SESSION_TTL_MS), ip: null, user_agent: null })
    .execute();
  return { headers: { cookie: `${SESSION_COOKIE}=${token}` }, token };
}
