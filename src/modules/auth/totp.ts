import { Secret, TOTP } from 'otpauth';

/** RFC 6238 defaults that every authenticator app understands: SHA-1, 6 digits, 30 s. */
const PERIOD_SECONDS = 30;
const ISSUER = 'Tagih';

function totpOf(secretBase32: string, username: string): TOTP {
  return new TOTP({ issuer: ISSUER, label: username, algorithm: 'SHA1', digits: 6, period: PERIOD_SECONDS, secret: Secret.fromBase32(secretBase32) });
}

/** A fresh 160-bit secret, base32 (the form authenticator apps accept when typed in). */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The `otpauth://totp/...` URI a QR code encodes. */
export function otpauthUri(secretBase32: string, username: string): string {
  return totpOf(secretBase32, username).toString();
}

/** The code an authenticator shows at `at`; used by tests and the demo helper. */
export function totpCode(secretBase32: string, at: Date): string {
  return totpOf(secretBase32, 'x').generate({ timestamp: at.getTime() });
}

/**
 * Checks a code within ±1 time step (clock drift) and returns the time step it belongs to,
 * so the caller can refuse that step (or an earlier one) a second time: a code is single-use.
 * Returns null for a wrong or malformed code.
 */
export function matchTotp(secretBase32: string, code: string, at: Date): bigint | null {
  if (!/^\d{6}$/.test(code)) return null;
  const totp = totpOf(secretBase32, 'x');
  const delta = totp.validate({ token: code, timestamp: at.getTime(), window: 1 });
  if (delta === null) return null;
  return BigInt(totp.counter({ timestamp: at.getTime() }) + delta);
}
