import { argon2id, hash, verify } from 'argon2';

/**
 * argon2id at OWASP's recommended floor (19 MiB, t=2, p=1): about 35 ms per check on one core.
 * The library default (64 MiB, t=3, p=4) took ~300 ms here and would let a burst of logins eat the server's memory.
 * The hash string carries its own parameters, so raising them later only affects new hashes.
 */
const ARGON2_OPTIONS = { type: argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export async function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
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
