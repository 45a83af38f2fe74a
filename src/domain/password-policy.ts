/**
 * What a password must be before it is hashed. Length beats composition rules (NIST SP 800-63B);
 * an upper bound stops a megabyte "password" from costing the server an argon2 run over it.
 */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 256;

export type PasswordCheck = { readonly ok: true } | { readonly ok: false; readonly message: string };

export function checkPassword(password: string, username: string): PasswordCheck {
  const length = Array.from(password).length;
  if (length < PASSWORD_MIN_LENGTH) return { ok: false, message: `password must be at least ${PASSWORD_MIN_LENGTH} characters` };
  if (length > PASSWORD_MAX_LENGTH) return { ok: false, message: `password must be at most ${PASSWORD_MAX_LENGTH} characters` };
  if (password.trim().toLowerCase() === username.trim().toLowerCase()) return { ok: false, message: 'password must not equal the username' };
  return { ok: true };
}
