import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkPassword, PASSWORD_MIN_LENGTH } from './password-policy.ts';

describe('password policy', () => {
  it('accepts a long enough password that is not the username', () => {
    expect(checkPassword('kopi-tubruk-2026', 'budi')).toEqual({ ok: true });
  });

  it('rejects short passwords, the username itself (any case), and absurdly long ones', () => {
    expect(checkPassword('short', 'budi')).toMatchObject({ ok: false, message: expect.stringContaining('at least 10') });
    expect(checkPassword('SupervisorA', 'supervisora')).toMatchObject({ ok: false, message: expect.stringContaining('username') });
    expect(checkPassword('x'.repeat(257), 'budi')).toMatchObject({ ok: false, message: expect.stringContaining('at most') });
  });

  it('counts characters, not UTF-16 units', () => {
    expect(checkPassword('😀'.repeat(PASSWORD_MIN_LENGTH - 1), 'u').ok).toBe(false);
    expect(checkPassword('😀'.repeat(PASSWORD_MIN_LENGTH), 'u').ok).toBe(true);
  });

  it('decides by length alone for passwords that differ from the username', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-ascii', maxLength: 40 }), (pw) => {
        fc.pre(pw.trim().toLowerCase() !== 'someone');
        expect(checkPassword(pw, 'someone').ok).toBe(pw.length >= PASSWORD_MIN_LENGTH);
      }),
    );
  });
});
