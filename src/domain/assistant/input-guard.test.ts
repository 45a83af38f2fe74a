import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { guardInput, MAX_MESSAGE_BYTES } from './input-guard.ts';
import { accountNumberCandidates, identityMatches, parseIdentityAnswer } from './identity-answer.ts';
import { attemptsLeft, isLocked, recordFailure } from './lockout.ts';

describe('guardInput', () => {
  it('classifies empty, huge, binary and markup messages', () => {
    expect(guardInput('').problem).toBe('empty');
    expect(guardInput(' \u200B\n').problem).toBe('empty');
    expect(guardInput('a'.repeat(MAX_MESSAGE_BYTES + 1)).problem).toBe('too_long');
    expect(guardInput('é'.repeat(2100)).problem).toBe('too_long');
    expect(guardInput('\u0000\u0001\u0002abc').problem).toBe('binary');
    expect(guardInput('<script>alert(1)</script> berapa tagihan').problem).toBe('markup');
    expect(guardInput('<img src=x onerror="x()">').problem).toBe('markup');
    expect(guardInput('berapa tagihan saya? 😊').problem).toBeNull();
    expect(guardInput('bayar 500rb < 1jt kan').problem).toBeNull();
  });

  it('always returns text within the byte limit, without control characters', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 6000, unit: 'binary' }), (raw) => {
        const g = guardInput(raw);
        expect(Buffer.byteLength(g.text, 'utf8')).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
        expect(g.text).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
      }),
    );
  });
});

describe('identity answers', () => {
  it('reads the common ways people write birth date and NIK digits', () => {
    expect(parseIdentityAnswer('17-08-1985 1234')).toEqual({ birthDate: '1985-08-17', nikLast4: '1234' });
    expect(parseIdentityAnswer('1234 17/8/1985')).toEqual({ birthDate: '1985-08-17', nikLast4: '1234' });
    expect(parseIdentityAnswer('lahir 17 agustus 1985, nik 1234')).toEqual({ birthDate: '1985-08-17', nikLast4: '1234' });
    expect(parseIdentityAnswer('1985-08-17 3174011505900001')).toEqual({ birthDate: '1985-08-17', nikLast4: '0001' });
    expect(parseIdentityAnswer('17081985 1234')).toEqual({ birthDate: '1985-08-17', nikLast4: '1234' });
    expect(parseIdentityAnswer('17-08-1985')).toBeNull();
    expect(parseIdentityAnswer('31-02-1985 1234')).toBeNull();
    expect(parseIdentityAnswer('halo')).toBeNull();
  });

  it('matches only when both parts agree', () => {
    const record = { birthDate: '1985-08-17', nik: '3174011708850001' };
    expect(identityMatches({ birthDate: '1985-08-17', nikLast4: '0001' }, record)).toBe(true);
    expect(identityMatches({ birthDate: '1985-08-18', nikLast4: '0001' }, record)).toBe(false);
    expect(identityMatches({ birthDate: '1985-08-17', nikLast4: '0002' }, record)).toBe(false);
    expect(identityMatches({ birthDate: '1985-08-17', nikLast4: '0001' }, { birthDate: null, nik: '3174011708850001' })).toBe(false);
  });

  it('finds account-number candidates', () => {
    expect(accountNumberCandidates('kontrak saya kta-0001 ya')).toEqual(['KTA-0001']);
    expect(accountNumberCandidates('halo kak')).toEqual([]);
  });
});

describe('lockout', () => {
  const t0 = new Date('2026-03-10T01:00:00Z');
  it('locks on the third failure within the window and alerts once', () => {
    let s = recordFailure(null, t0);
    expect(s.newlyLocked).toBe(false);
    s = recordFailure(s.state, new Date(t0.getTime() + 60_000));
    expect(attemptsLeft(s.state, t0)).toBe(1);
    s = recordFailure(s.state, new Date(t0.getTime() + 120_000));
    expect(s.newlyLocked).toBe(true);
    expect(isLocked(s.state, new Date(t0.getTime() + 3600_000))).toBe(true);
    expect(recordFailure(s.state, new Date(t0.getTime() + 7200_000)).newlyLocked).toBe(false);
    expect(isLocked(s.state, new Date(t0.getTime() + 25 * 3600_000))).toBe(false);
  });
  it('forgets failures outside the window', () => {
    const s = recordFailure(recordFailure(null, t0).state, new Date(t0.getTime() + 25 * 3600_000));
    expect(s.state.failures).toBe(1);
  });
});
