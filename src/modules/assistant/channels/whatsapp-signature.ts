import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Meta signs each webhook POST with `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body, app secret>`.
 * Compared in constant time over the raw bytes, before any JSON parsing.
 */
export function validWhatsAppSignature(rawBody: Buffer, header: string | undefined, appSecret: string): boolean {
  if (header === undefined || !header.startsWith('sha256=')) return false;
  const given = Buffer.from(header.slice('sha256='.length), 'hex');
  const expected = createHmac('sha256', appSecret).update(rawBody).digest();
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function signWhatsAppBody(rawBody: Buffer | string, appSecret: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(rawBody).digest('hex')}`;
}
