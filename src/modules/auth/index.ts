import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app-deps.ts';
import { AppError } from '../../lib/app-error.ts';

/** Sessions, login, MFA and users. (Being built: see the security work.) */
export const authModule: FastifyPluginAsyncZod<{ deps: AppDeps }> = async () => {};

/** The single authorization point: runs before every handler and enforces `config.access`. */
export async function authorizeRequest(_deps: AppDeps, request: FastifyRequest): Promise<void> {
  const access = request.routeOptions.config.access;
  if (!access || 'public' in access) return;
  throw new AppError('TAGIH_UNAUTHENTICATED', 'sign in first');
}
