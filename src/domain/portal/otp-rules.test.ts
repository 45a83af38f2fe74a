import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { afterWrongCode, OTP_POLICY, otpRequestVerdict, otpUsability, validContactHours } from './otp-rules.ts';

const t0 = new Date('2026-11-30T03:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);
const fresh = { attempts: 0, maxAttempts: OTP_POLICY.maxAttempts, expiresAt: at(OTP_POLICY.ttlMs), consumedAt: null, lockedAt: null };

describe('otp rules', () => {
  it('a challenge is usable until its expiry instant, then expired', () => {
    expect(otpUsability(fresh, at(OTP_POLICY.ttlMs - 1))).toBe('usable');
    expect(otpUsability(fresh, at(OTP_POLICY.ttlMs))).toBe('expired');
  });

  it('locks on the fifth wrong code, never earlier', () => {
    let c = fresh;
    for (let i = 1; i <= OTP_POLICY.maxAttempts; i++) {
      const next = afterWrongCode(c);
      expect(next.locks).toBe(i === OTP_POLICY.maxAttempts);
      c = { ...c, attempts: next.attempts };
    }
    expect(otpUsability(c, t0)).toBe('locked');
  });

  it('a consumed challenge cannot be reused', () => {
    expect(otpUsability({ ...fresh, consumedAt: t0 }, t0)).toBe('consumed');
  });

  it('never issues more than the window allows, whatever the request history', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 60 * 60_000 }), { maxLength: 20 }), (offsets) => {
        const now = at(60 * 60_000);
        const recent = offsets.map((o) => at(o));
        const inWindow = recent.filter((d) => d.getTime() > now.getTime() - OTP_POLICY.requestWindowMs).length;
        const verdict = otpRequestVerdict(recent, null, now);
        expect(verdict.ok).toBe(inWindow < OTP_POLICY.maxRequestsPerWindow);
        if (!verdict.ok) expect(verdict.retryAt.getTime()).toBeGreaterThan(now.getTime());
      }),
    );
  });

  it('refuses new codes for the lockout period after a lock', () => {
    expect(otpRequestVerdict([], t0, at(OTP_POLICY.lockoutMs - 1))).toMatchObject({ ok: false, reason: 'locked' });
    expect(otpRequestVerdict([], t0, at(OTP_POLICY.lockoutMs))).toEqual({ ok: true });
  });

  it('accepts contact hours only inside 08:00–20:00 and non-empty', () => {
    expect(validContactHours('09:00', '17:00')).toBe(true);
    expect(validContactHours('07:59', '17:00')).toBe(false);
    expect(validContactHours('09:00', '20:01')).toBe(false);
    expect(validContactHours('12:00', '12:00')).toBe(false);
    expect(validContactHours('9:00', '17:00')).toBe(false);
  });
});
