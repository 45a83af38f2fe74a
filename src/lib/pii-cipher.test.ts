import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createPiiCipher } from './pii-cipher.ts';

const k1 = randomBytes(32);
const k2 = randomBytes(32);
const indexKey = randomBytes(32);

describe('PII cipher', () => {
  it('round-trips any text and never leaves the plaintext visible', () => {
    const c = createPiiCipher({ activeKeyId: 'k1', keys: new Map([['k1', k1]]), indexKey });
    fc.assert(
      fc.property(fc.string({ minLength: 4 }), (text) => {
        const env = c.encrypt(text);
        expect(c.decrypt(env)).toBe(text);
        expect(env.includes(text)).toBe(false);
      }),
    );
  });

  it('decrypts old envelopes after rotation and writes new ones with the new key id', () => {
    const old = createPiiCipher({ activeKeyId: 'k1', keys: new Map([['k1', k1]]), indexKey });
    const env = old.encrypt('3174012345670001');
    const rotated = createPiiCipher({ activeKeyId: 'k2', keys: new Map([['k1', k1], ['k2', k2]]), indexKey });
    expect(rotated.decrypt(env)).toBe('3174012345670001');
    expect(rotated.keyIdOf(rotated.encrypt('x'))).toBe('k2');
    expect(rotated.blindIndex('+6281234567890')).toBe(old.blindIndex('+6281234567890'));
  });

  it('rejects a tampered ciphertext', () => {
    const c = createPiiCipher({ activeKeyId: 'k1', keys: new Map([['k1', k1]]), indexKey });
    const parts = c.encrypt('+6281234567890').split('.');
    const data = Buffer.from(parts[4]!, 'base64url');
    data[0] = data[0]! ^ 1;
    parts[4] = data.toString('base64url');
    expect(() => c.decrypt(parts.join('.'))).toThrow();
  });
});
