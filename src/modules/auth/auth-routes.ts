import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app-deps.ts';
import type { User } from '../../db/schema.ts';
import { AppError } from '../../lib/app-error.ts';
import { principalOf } from './authorize.ts';
import { login } from './login-service.ts';
import { mfaNext, mfaRequired } from './mfa-state.ts';
import { activateMfa, enrollMfa, verifyMfa } from './mfa-service.ts';
import { deleteSession, findUserById } from './repo.ts';
import { loginBody, loginResponse, logoutResponse, meResponse, mfaCodeBody, mfaDoneResponse, mfaEnrollResponse } from './schema.ts';
import { SESSION_COOKIE } from './session-token.ts';

function sessionUserOf(u: User) {
  return { id: u.id, username: u.username, displayName: u.display_name, role: u.role, teamId: u.team_id };
}

function mfaOf(u: User, sessionVerified: boolean) {
  const required = mfaRequired(u.role, u.mfa_enabled);
  return { required, enrolled: u.mfa_enabled, verified: !required || sessionVerified };
}

/** Sign-in, sign-out, "who am I" and TOTP enrolment/verification. */
export const authRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const cookieOptions = { httpOnly: true, sameSite: 'strict', secure: deps.config.secureCookies, path: '/' } as const;

  app.post(
    '/auth/login',
    { config: { access: { public: true } }, schema: { tags: ['auth'], body: loginBody, response: { 200: loginResponse } } },
    async (request, reply) => {
      const outcome = await login(deps, {
        username: request.body.username,
        password: request.body.password,
        ip: request.ip ?? null,
        userAgent: request.headers['user-agent']?.slice(0, 300) ?? null,
      });
      if (!outcome.ok) {
        if (outcome.reason === 'throttled') throw new AppError('TAGIH_RATE_LIMITED', 'too many failed sign-ins from this address; try again later');
        if (outcome.reason === 'locked') throw new AppError('TAGIH_LOCKED', 'too many failed attempts; try again later');
        throw new AppError('TAGIH_UNAUTHENTICATED', 'invalid username or password');
      }
      reply.setCookie(SESSION_COOKIE, outcome.token, { ...cookieOptions, expires: outcome.expiresAt });
      const u = outcome.user;
      return { user: sessionUserOf(u), mfa: mfaOf(u, false), next: mfaNext(u.role, u.mfa_enabled, false), expiresAt: outcome.expiresAt.toISOString() };
    },
  );

  app.post(
    '/auth/logout',
    { config: { access: { authenticated: true, allowWithoutMfa: true } }, schema: { tags: ['auth'], response: { 200: logoutResponse } } },
    async (request, reply) => {
      const principal = principalOf(request);
      await deleteSession(deps.db.kysely, principal.sessionId);
      reply.clearCookie(SESSION_COOKIE, cookieOptions);
      return { signedOut: true as const };
    },
  );

  app.get(
    '/auth/me',
    { config: { access: { authenticated: true, allowWithoutMfa: true } }, schema: { tags: ['auth'], response: { 200: meResponse } } },
    async (request) => {
      const principal = principalOf(request);
      const u = await findUserById(deps.db.kysely, principal.userId);
      if (!u) throw new AppError('TAGIH_UNAUTHENTICATED', 'sign in first');
      return { user: sessionUserOf(u), mfa: mfaOf(u, principal.mfaVerified), next: mfaNext(u.role, u.mfa_enabled, principal.mfaVerified) };
    },
  );

  app.post(
    '/auth/mfa/enroll',
    { config: { access: { authenticated: true, allowWithoutMfa: true } }, schema: { tags: ['auth'], response: { 200: mfaEnrollResponse } } },
    async (request) => enrollMfa(deps, principalOf(request)),
  );

  app.post(
    '/auth/mfa/activate',
    { config: { access: { authenticated: true, allowWithoutMfa: true } }, schema: { tags: ['auth'], body: mfaCodeBody, response: { 200: mfaDoneResponse } } },
    async (request) => {
      await activateMfa(deps, principalOf(request), request.body.code);
      return { mfaVerified: true as const };
    },
  );

  app.post(
    '/auth/mfa/verify',
    { config: { access: { authenticated: true, allowWithoutMfa: true } }, schema: { tags: ['auth'], body: mfaCodeBody, response: { 200: mfaDoneResponse } } },
    async (request) => {
      await verifyMfa(deps, principalOf(request), request.body.code);
      return { mfaVerified: true as const };
    },
  );
};
