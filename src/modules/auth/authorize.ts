import type { FastifyRequest } from 'fastify';
import type { AppDeps } from '../../app-deps.ts';
import { can } from '../../domain/permissions.ts';
import { AppError } from '../../lib/app-error.ts';
import type { Principal } from '../../lib/route-access.ts';
import { mfaRequired } from './mfa-state.ts';
import { findSessionWithUser } from './repo.ts';
import { sessionIdOf, tokenFromRequest } from './session-token.ts';

/** Resolves the session behind a request's cookie or bearer token; null when absent, unknown, expired or the user is disabled. */
export async function resolvePrincipal(deps: AppDeps, request: FastifyRequest): Promise<Principal | null> {
  const token = tokenFromRequest(request);
  if (!token) return null;
  const s = await findSessionWithUser(deps.db.kysely, sessionIdOf(token));
  if (!s || s.expiresAt.getTime() <= deps.now().getTime() || s.disabledAt !== null) return null;
  return {
    userId: s.userId,
    username: s.username,
    role: s.role,
    teamId: s.teamId,
    // "Verified" means: nothing more to pass. Users without MFA duties count as verified.
    mfaVerified: s.mfaVerified || !mfaRequired(s.role, s.mfaEnabled),
    sessionId: s.sessionId,
  };
}

/**
 * The single authorization point: runs before every handler and enforces `config.access`.
 * Public routes pass; anything else needs a live session (401), then a passed second factor
 * unless the route allows otherwise (403 TAGIH_MFA_REQUIRED), then the role × action table (403 TAGIH_FORBIDDEN).
 */
export async function authorizeRequest(deps: AppDeps, request: FastifyRequest): Promise<void> {
  const access = request.routeOptions.config.access;
  if (!access || 'public' in access) return;
  const principal = await resolvePrincipal(deps, request);
  if (!principal) throw new AppError('TAGIH_UNAUTHENTICATED', 'sign in first');
  request.principal = principal;
  if ('authenticated' in access) {
    if (!principal.mfaVerified && access.allowWithoutMfa !== true) throw new AppError('TAGIH_MFA_REQUIRED', 'complete multi-factor sign-in first');
    return;
  }
  if (!principal.mfaVerified) throw new AppError('TAGIH_MFA_REQUIRED', 'complete multi-factor sign-in first');
  if (!can(principal.role, access.action)) throw new AppError('TAGIH_FORBIDDEN', `your role may not ${access.action}`);
}

/** The principal of a request that passed `authorizeRequest` on a non-public route. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new AppError('TAGIH_UNAUTHENTICATED', 'sign in first');
  return request.principal;
}
