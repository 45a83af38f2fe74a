import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../../app-deps.ts';
import { AppError } from '../../lib/app-error.ts';
import { sessionIdOf } from '../auth/index.ts';
import * as repo from './repo.ts';

/**
 * Portal routes are `public` for the staff authorization hook (a debtor is not a user) and carry their own
 * credential, like the assistant's web chat: `Authorization: Bearer <portal token>`, required by the route schema
 * (a missing header is a 400 before any lookup). A bearer header rather than a cookie keeps the portal free of CSRF.
 */
export const debtorAuthHeader = z.object({ authorization: z.string().regex(/^Bearer \S{20,200}$/, 'expected "Bearer <portal token>"') });

/** The debtor signed in to the portal. */
export interface DebtorSession {
  readonly sessionId: string;
  readonly debtorId: string;
  readonly timezone: string;
  readonly fullName: string;
  readonly language: 'id' | 'en';
}

/** The live debtor session behind a request, or 401 (unknown, expired or signed out alike). */
export async function debtorSessionOf(deps: AppDeps, request: FastifyRequest): Promise<DebtorSession> {
  const header = request.headers.authorization ?? '';
  const token = header.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : '';
  if (token === '') throw new AppError('TAGIH_UNAUTHENTICATED', 'sign in to the portal first');
  const id = sessionIdOf(token);
  const s = await repo.findSession(deps.db.kysely, id);
  if (!s || s.revoked_at !== null || s.expires_at.getTime() <= deps.now().getTime()) throw new AppError('TAGIH_UNAUTHENTICATED', 'portal session expired; sign in again');
  return { sessionId: id, debtorId: s.debtor_id, timezone: s.timezone, fullName: s.full_name, language: s.language };
}
