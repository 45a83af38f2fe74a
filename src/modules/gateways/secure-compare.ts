import { timingSafeEqual } from 'node:crypto';

/**
 * Compares a received secret (signature, token) with the expected one in constant time for equal
 * lengths, so the time an attacker measures says nothing about how many leading characters matched.
 */
export function secureEquals(received: string, expected: string): boolean {
  const a = Buffer.from(received, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  if (a.length !== b.length) {
    // Still spend a comparison so a length probe is not much faster than a content probe.
    timingSafeEqual(b, b);
    return false;
  }
  return timingSafeEqual(a, b);
}

/** The single value of a header, or null when absent or repeated (a repeated auth header is suspicious). */
export function singleHeader(headers: Readonly<Record<string, string | string[] | undefined>>, name: string): string | null {
  const v = headers[name.toLowerCase()];
  return typeof v === 'string' ? v : null;
}
