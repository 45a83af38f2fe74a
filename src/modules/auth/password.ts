import { argon2id, hash, verify } from 'argon2';

/**
 * Password hashing with argon2id (the library's defaults: 64 MiB, t=3, p=4), the OWASP first choice.
 * The hash string carries its own parameters, so raising them later only affects new hashes.
 */
export async function hashPassword(password: string): Promise<string> {
  return hash(password, { type: argon2id });
}

let dummyHash: Promise<string> | undefined;

/**
 * Checks a password. With no stored hash (unknown user) it still runs one argon2 verification
 * against a throwaway hash, so the response time does not tell an attacker which usernames exist.
 */
export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
  if (storedHash === null) {
    dummyHash ??= hashPassword('tagih-no-such-user-dummy-password');
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return verify(storedHash, password).catch(() => false);
}
