import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app-deps.ts';
import { authRoutes } from './auth-routes.ts';
import { usersRoutes } from './users-routes.ts';

/** Sessions, login, TOTP MFA, users and teams. Registered by app.ts under `/api/v1`. */
export const authModule: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  await app.register(authRoutes, { deps });
  await app.register(usersRoutes, { deps });
};

export { authorizeRequest, principalOf, resolvePrincipal } from './authorize.ts';
export { piiView, type PiiView } from './pii-view.ts';
export { auditPiiRead, purposeOf, PURPOSE_HEADER, type PiiRead } from './pii-audit.ts';
export { actorOf } from './actor.ts';
export { seedDemoUsers, formatDemoUsers, DEMO_TOTP_SECRET, type DemoUser } from './seed-users.ts';
export { createUser, ensureTeam, updateUser, resetPassword, type NewUser, type UserChange } from './users-service.ts';
export { SESSION_COOKIE, SESSION_TTL_MS, newSessionToken, sessionIdOf } from './session-token.ts';
