import { createHash, randomBytes } from 'node:crypto';

/** A web-chat conversation token: 32 random bytes, base64url. Only its hash is stored (like session tokens). */
export function newConversationToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The `channel_user_key` of a web conversation. */
export function webUserKey(token: string): string {
  return `web:${createHash('sha256').update(token).digest('hex')}`;
}
