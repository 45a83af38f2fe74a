import { createHash, randomBytes } from 'node:crypto';
import type { FastifyRequest } from 'fastify';

export const SESSION_COOKIE = 'tagih_session';

/**
 * Sessions last a fixed 12 hours from sign-in (one working shift), not sliding:
 * a stolen cookie stops working by the next day however busy it is kept.
 */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

/** 32 random bytes, base64url: the secret the browser holds. */
export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What the database stores for a token (sha256, hex): a leaked sessions table cannot be replayed as cookies. */
export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** The token from the `tagih_session` cookie, or from `Authorization: Bearer …` for API clients. */
export function tokenFromRequest(request: FastifyRequest): string | null {
  const fromCookie = request.cookies?.[SESSION_COOKIE];
  if (fromCookie) return fromCookie;
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) {
    const token = header.slice('Bearer '.length).trim();
    return token === '' ? null : token;
  }
  return null;
}
