import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { testDatabases } from '../../../test/support/databases.ts';
import { testApp } from '../../../test/support/app.ts';
import { createUser, loginAs, sessionFor } from '../../../test/support/users.ts';
import type { AppDeps } from '../../app-deps.ts';
import type { Db } from '../../db/connection.ts';
import { verifyAuditChain } from '../audit/index.ts';
import { sessionIdOf } from './session-token.ts';
import { totpCode } from './totp.ts';

describe.each(testDatabases)('auth on $name', (target) => {
  let db: Db;
  let app: FastifyInstance;
  let deps: AppDeps;
  let clock = new Date('2026-03-20T02:00:00Z');
  let ipSeq = 0;
  /** Each test signs in from its own address so the per-IP limit only bites where a test wants it. */
  const freshIp = () => `10.0.${Math.floor(++ipSeq / 250)}.${ipSeq % 250}`;
  const login = (username: string, password: string, ip: string) =>
    app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'x-forwarded-for': ip }, payload: { username, password } });
  const tick = (ms: number) => {
    clock = new Date(clock.getTime() + ms);
  };

  beforeAll(async () => {
    db = await target.open();
    ({ app, deps } = await testApp(db, { now: () => clock, env: { TAGIH_TRUST_PROXY: '127.0.0.1' } }));
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  it('signs in with an http-only SameSite=Strict cookie whose token is stored only as its sha256', async () => {
    const u = await createUser(deps, { role: 'agent' });
    const res = await login(u.username.toUpperCase(), u.password, freshIp());
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ user: { username: u.username, role: 'agent' }, mfa: { required: false, enrolled: false, verified: true }, next: 'none' });
    const cookie = res.cookies.find((c) => c.name === 'tagih_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(cookie.secure).toBeUndefined();
    expect(Buffer.from(cookie.value, 'base64url')).toHaveLength(32);
    const sessions = await db.kysely.selectFrom('sessions').select(['id', 'expires_at']).where('user_id', '=', u.id).execute();
    expect(sessions).toEqual([{ id: sessionIdOf(cookie.value), expires_at: new Date(clock.getTime() + 12 * 3600_000) }]);

    const me = await app.inject({ url: '/api/v1/auth/me', headers: { cookie: `tagih_session=${cookie.value}` } });
    expect(me.statusCode).toBe(200);
    expect(me.json().user).toEqual({ id: u.id, username: u.username, displayName: u.username, role: 'agent', teamId: null });
    const bearer = await app.inject({ url: '/api/v1/auth/me', headers: { authorization: `Bearer ${cookie.value}` } });
    expect(bearer.statusCode).toBe(200);
  });

  it('sets the Secure flag when configured', async () => {
    const secure = await testApp(db, { env: { TAGIH_SECURE_COOKIES: 'true' } });
    try {
      const u = await createUser(secure.deps, { role: 'compliance' });
      const res = await secure.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: u.username, password: u.password } });
      expect(res.cookies.find((c) => c.name === 'tagih_session')?.secure).toBe(true);
    } finally {
      await secure.app.close();
    }
  });

  it('answers a wrong password and an unknown user identically, records and audits both', async () => {
    const u = await createUser(deps, { role: 'agent' });
    const ip = freshIp();
    const wrong = await login(u.username, 'not-the-password', ip);
    const unknown = await login('nobody-here', 'not-the-password', ip);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json().error.code).toBe('TAGIH_UNAUTHENTICATED');
    expect(wrong.cookies).toEqual([]);
    const attempts = await db.kysely.selectFrom('login_attempts').select(['username', 'succeeded']).where('ip', '=', ip).orderBy('id').execute();
    expect(attempts).toEqual([
      { username: u.username, succeeded: false },
      { username: 'nobody-here', succeeded: false },
    ]);
    const audits = await db.kysely.selectFrom('audit_log').select(['action', 'details']).where('action', '=', 'auth.login_failed').execute();
    expect(audits.map((a) => (a.details as { reason: string; username: string }).username)).toEqual(expect.arrayContaining([u.username, 'nobody-here']));
  });

  it('locks a user for 15 minutes after 5 consecutive failures, even against the right password', async () => {
    const u = await createUser(deps, { role: 'agent' });
    const ip = freshIp();
    for (let i = 0; i < 4; i++) expect((await login(u.username, `wrong-${i}`, ip)).statusCode).toBe(401);
    const fifth = await login(u.username, 'wrong-5', ip);
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().error.code).toBe('TAGIH_LOCKED');
    expect((await login(u.username, u.password, ip)).statusCode).toBe(423);
    const lockAudit = await db.kysely.selectFrom('audit_log').select('entity_id').where('action', '=', 'auth.locked').where('entity_id', '=', u.id).execute();
    expect(lockAudit).toHaveLength(1);
    tick(14 * 60_000);
    expect((await login(u.username, u.password, ip)).statusCode).toBe(423);
    tick(61_000);
    expect((await login(u.username, u.password, ip)).statusCode).toBe(200);
    const row = await db.kysely.selectFrom('users').select(['failed_logins', 'locked_until']).where('id', '=', u.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ failed_logins: 0, locked_until: null });
  });

  it('resets the failure count on success, so only consecutive failures lock', async () => {
    const u = await createUser(deps, { role: 'agent' });
    const ip = freshIp();
    for (let i = 0; i < 4; i++) await login(u.username, 'wrong-password', ip);
    expect((await login(u.username, u.password, ip)).statusCode).toBe(200);
    for (let i = 0; i < 4; i++) expect((await login(u.username, 'wrong-password', ip)).statusCode).toBe(401);
  });

  it('locks unknown usernames the same way, so a lockout does not reveal that an account exists', async () => {
    const ip = freshIp();
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) codes.push((await login('ghost-user', 'whatever-password', ip)).statusCode);
    expect(codes).toEqual([401, 401, 401, 401, 423, 423]);
  });

  it('refuses an address with 20 recent failures with 429, but not another address', async () => {
    const ip = freshIp();
    for (let i = 0; i < 20; i++) await login(`spray-${i}`, 'whatever-password', ip);
    const u = await createUser(deps, { role: 'agent' });
    const blocked = await login(u.username, u.password, ip);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe('TAGIH_RATE_LIMITED');
    expect((await login(u.username, u.password, freshIp())).statusCode).toBe(200);
    tick(16 * 60_000);
    expect((await login(u.username, u.password, ip)).statusCode).toBe(200);
  });

  it('makes an admin without MFA enrol before anything else, then lets them in', async () => {
    const u = await createUser(deps, { role: 'admin', mfa: false });
    const res = await login(u.username, u.password, freshIp());
    expect(res.json()).toMatchObject({ mfa: { required: true, enrolled: false, verified: false }, next: 'mfa_enroll' });
    const headers = { cookie: `tagih_session=${res.cookies[0]!.value}` };

    const blocked = await app.inject({ url: '/api/v1/users', headers });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('TAGIH_MFA_REQUIRED');
    expect((await app.inject({ url: '/api/v1/auth/me', headers })).json().next).toBe('mfa_enroll');
    expect((await app.inject({ method: 'POST', url: '/api/v1/auth/mfa/verify', headers, payload: { code: '123456' } })).statusCode).toBe(409);

    const enrol = await app.inject({ method: 'POST', url: '/api/v1/auth/mfa/enroll', headers });
    expect(enrol.statusCode).toBe(200);
    const { secret, otpauthUri } = enrol.json() as { secret: string; otpauthUri: string };
    expect(otpauthUri).toMatch(new RegExp(`^otpauth://totp/Tagih:${u.username}\\?.*secret=${secret}`));
    const stored = await db.kysely.selectFrom('users').select(['mfa_secret_enc', 'mfa_enabled']).where('id', '=', u.id).executeTakeFirstOrThrow();
    expect(stored.mfa_enabled).toBe(false);
    expect(stored.mfa_secret_enc).not.toContain(secret);
    expect(deps.cipher.decrypt(stored.mfa_secret_enc!)).toBe(secret);

    const wrong = await app.inject({ method: 'POST', url: '/api/v1/auth/mfa/activate', headers, payload: { code: totpCode(secret, new Date(clock.getTime() + 5 * 60_000)) } });
    expect(wrong.statusCode).toBe(400);
    const ok = await app.inject({ method: 'POST', url: '/api/v1/auth/mfa/activate', headers, payload: { code: totpCode(secret, clock) } });
    expect(ok.statusCode).toBe(200);
    expect((await app.inject({ url: '/api/v1/users', headers })).statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: '/api/v1/auth/mfa/enroll', headers })).statusCode).toBe(409);
    const audits = await db.kysely.selectFrom('audit_log').select('action').where('entity_id', '=', u.id).orderBy('seq').execute();
    expect(audits.map((a) => a.action)).toEqual(['user.created', 'auth.login', 'auth.mfa_enrolment_started', 'auth.mfa_failed', 'auth.mfa_enrolled']);
  });

  it('verifies an enrolled supervisor within ±1 step and refuses the same code twice', async () => {
    const u = await createUser(deps, { role: 'supervisor' });
    const first = await login(u.username, u.password, freshIp());
    expect(first.json().next).toBe('mfa_verify');
    const h1 = { cookie: `tagih_session=${first.cookies[0]!.value}` };
    expect((await app.inject({ url: '/api/v1/teams', headers: h1 })).statusCode).toBe(403);
    const lateCode = totpCode(u.mfaSecret!, new Date(clock.getTime() - 30_000));
    expect((await app.inject({ method: 'POST', url: '/api/v1/auth/mfa/verify', headers: h1, payload: { code: totpCode(u.mfaSecret!, new Date(clock.getTime() - 90_000)) } })).statusCode).toBe(400);
    expect((await app.inject({ method: 'POST', url: '/api/v1/auth/mfa/verify', headers: h1, payload: { code: lateCode } })).statusCode).toBe(200);
    expect((await app.inject({ url: '/api/v1/auth/me', headers: h1 })).json().mfa).toEqual({ required: true, enrolled: true, verified: true });

    const second = await login(u.username, u.password, freshIp());
    const h2 = { cookie: `tagih_session=${second.cookies[0]!.value}` };
    const replay = await app.inject({ method: 'POST', url: '/api/v1/auth/mfa/verify', headers: h2, payload: { code: lateCode } });
    expect(replay.statusCode).toBe(400);
    expect(replay.json().error.message).toMatch(/already used/);
    const next = await app.inject({ method: 'POST', url: '/api/v1/auth/mfa/verify', headers: h2, payload: { code: totpCode(u.mfaSecret!, new Date(clock.getTime() + 30_000)) } });
    expect(next.statusCode).toBe(200);
  });

  it('locks the user and ends their sessions after 5 wrong MFA codes', async () => {
    const u = await createUser(deps, { role: 'admin' });
    const res = await login(u.username, u.password, freshIp());
    const headers = { cookie: `tagih_session=${res.cookies[0]!.value}` };
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) codes.push((await app.inject({ method: 'POST', url: '/api/v1/auth/mfa/verify', headers, payload: { code: '000000' } })).statusCode);
    // 000000 could be the real code once in a million runs; the assertion on the lock below would still hold.
    expect(codes.slice(0, 4).every((c) => c === 400 || c === 200)).toBe(true);
    expect(codes[4]).toBe(423);
    expect((await app.inject({ url: '/api/v1/auth/me', headers })).statusCode).toBe(401);
    expect((await login(u.username, u.password, freshIp())).statusCode).toBe(423);
  });

  it('rejects missing, unknown, expired and logged-out sessions with 401', async () => {
    expect((await app.inject({ url: '/api/v1/auth/me' })).json().error.code).toBe('TAGIH_UNAUTHENTICATED');
    expect((await app.inject({ url: '/api/v1/auth/me', headers: { cookie: 'tagih_session=forged' } })).statusCode).toBe(401);
    expect((await app.inject({ url: '/api/v1/auth/me', headers: { authorization: 'Bearer ' } })).statusCode).toBe(401);
    const u = await createUser(deps, { role: 'agent' });
    const s = await loginAs(app, deps, u);
    expect((await app.inject({ url: '/api/v1/auth/me', headers: s.headers })).statusCode).toBe(200);
    tick(12 * 3600_000);
    expect((await app.inject({ url: '/api/v1/auth/me', headers: s.headers })).statusCode).toBe(401);

    const again = await loginAs(app, deps, u);
    const out = await app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: again.headers });
    expect(out.statusCode).toBe(200);
    expect(out.cookies.find((c) => c.name === 'tagih_session')?.value).toBe('');
    expect((await app.inject({ url: '/api/v1/auth/me', headers: again.headers })).statusCode).toBe(401);
    expect(await db.kysely.selectFrom('sessions').select('id').where('id', '=', sessionIdOf(again.token)).execute()).toEqual([]);
  });

  it('lets an admin manage users and teams, each change audited, no secret in any response', async () => {
    const admin = await loginAs(app, deps, 'admin');
    const h = admin.headers;
    const team = await app.inject({ method: 'POST', url: '/api/v1/teams', headers: h, payload: { name: 'Desk Surabaya' } });
    expect(team.statusCode).toBe(201);
    expect((await app.inject({ method: 'POST', url: '/api/v1/teams', headers: h, payload: { name: 'Desk Surabaya' } })).statusCode).toBe(200);
    const teamId = (team.json() as { id: string }).id;

    const weak = await app.inject({ method: 'POST', url: '/api/v1/users', headers: h, payload: { username: 'rina', role: 'agent', password: 'short' } });
    expect(weak.statusCode).toBe(400);
    const same = await app.inject({ method: 'POST', url: '/api/v1/users', headers: h, payload: { username: 'rina.agent', role: 'agent', password: 'Rina.Agent' } });
    expect(same.statusCode).toBe(400);
    const created = await app.inject({ method: 'POST', url: '/api/v1/users', headers: h, payload: { username: 'Rina.Agent', displayName: 'Rina', role: 'agent', teamId, password: 'rina-password-1' } });
    expect(created.statusCode).toBe(201);
    const rina = created.json() as { id: string };
    expect(Object.keys(rina).sort()).toEqual(['createdAt', 'disabled', 'displayName', 'id', 'lockedUntil', 'mfaEnabled', 'role', 'teamId', 'username']);
    expect(created.json()).toMatchObject({ username: 'rina.agent', role: 'agent', teamId, disabled: false });
    expect((await app.inject({ method: 'POST', url: '/api/v1/users', headers: h, payload: { username: 'rina.agent', role: 'agent', password: 'rina-password-2' } })).statusCode).toBe(409);

    const list = await app.inject({ url: '/api/v1/users', headers: h });
    expect(list.body).not.toMatch(/password|argon2|mfa_secret/);
    expect((list.json() as { users: { username: string }[] }).users.map((x) => x.username)).toContain('rina.agent');

    const rinaSession = await loginAs(app, deps, { id: rina.id, username: 'rina.agent', password: 'rina-password-1', role: 'agent', teamId, mfaSecret: null });
    const promoted = await app.inject({ method: 'PATCH', url: `/api/v1/users/${rina.id}`, headers: h, payload: { role: 'supervisor', teamId: null } });
    expect(promoted.json()).toMatchObject({ role: 'supervisor', teamId: null });
    // A promotion to an MFA role takes effect on the live session at once.
    expect((await app.inject({ url: '/api/v1/auth/me', headers: rinaSession.headers })).json().next).toBe('mfa_enroll');

    const disabled = await app.inject({ method: 'PATCH', url: `/api/v1/users/${rina.id}`, headers: h, payload: { disabled: true } });
    expect(disabled.json().disabled).toBe(true);
    expect((await app.inject({ url: '/api/v1/auth/me', headers: rinaSession.headers })).statusCode).toBe(401);
    expect((await login('rina.agent', 'rina-password-1', freshIp())).statusCode).toBe(401);
    await app.inject({ method: 'PATCH', url: `/api/v1/users/${rina.id}`, headers: h, payload: { disabled: false, role: 'agent' } });

    expect((await app.inject({ method: 'POST', url: `/api/v1/users/${rina.id}/password`, headers: h, payload: { password: 'tiny' } })).statusCode).toBe(400);
    expect((await app.inject({ method: 'POST', url: `/api/v1/users/${rina.id}/password`, headers: h, payload: { password: 'rina-new-password' } })).statusCode).toBe(200);
    expect((await login('rina.agent', 'rina-password-1', freshIp())).statusCode).toBe(401);
    expect((await login('rina.agent', 'rina-new-password', freshIp())).statusCode).toBe(200);

    expect((await app.inject({ method: 'PATCH', url: `/api/v1/users/${admin.user.id}`, headers: h, payload: { disabled: true } })).statusCode).toBe(409);
    expect((await app.inject({ method: 'PATCH', url: '/api/v1/users/6f1c1c1e-0000-4000-8000-000000000000', headers: h, payload: { role: 'agent' } })).statusCode).toBe(404);

    const audits = await db.kysely.selectFrom('audit_log').select(['action', 'actor_label']).where('entity_id', '=', rina.id).where('action', 'like', 'user.%').orderBy('seq').execute();
    expect(audits).toEqual([
      { action: 'user.created', actor_label: admin.user.username },
      { action: 'user.updated', actor_label: admin.user.username },
      { action: 'user.updated', actor_label: admin.user.username },
      { action: 'user.updated', actor_label: admin.user.username },
      { action: 'user.password_reset', actor_label: admin.user.username },
    ]);
    expect(await verifyAuditChain(db.kysely)).toMatchObject({ ok: true });
  });

  it('lets an admin reset a lost second factor and unlock a user', async () => {
    const admin = await loginAs(app, deps, 'admin');
    const sup = await createUser(deps, { role: 'supervisor' });
    const supSession = await sessionFor(deps, sup);
    await db.kysely.updateTable('users').set({ locked_until: new Date(clock.getTime() + 600_000) }).where('id', '=', sup.id).execute();
    const reset = await app.inject({ method: 'PATCH', url: `/api/v1/users/${sup.id}`, headers: admin.headers, payload: { resetMfa: true, unlock: true } });
    expect(reset.json()).toMatchObject({ mfaEnabled: false, lockedUntil: null });
    expect((await app.inject({ url: '/api/v1/auth/me', headers: supSession.headers })).statusCode).toBe(401);
    expect((await login(sup.username, sup.password, freshIp())).json().next).toBe('mfa_enroll');
  });

  it('forbids users:manage to every other role', async () => {
    for (const role of ['supervisor', 'agent', 'field_agent', 'compliance'] as const) {
      const s = await loginAs(app, deps, role);
      const res = await app.inject({ url: '/api/v1/users', headers: s.headers });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('TAGIH_FORBIDDEN');
    }
  });
});
