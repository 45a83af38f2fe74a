import { describe, expect, it } from 'vitest';
import { afterFailure, ipWindowStart, isLocked, LOGIN_LIMITS } from './login-throttle.ts';

const now = new Date('2026-03-20T03:00:00Z');

describe('login throttle', () => {
  it('counts four failures, locks on the fifth for fifteen minutes and restarts the counter', () => {
    let failed = 0;
    for (let i = 1; i < LOGIN_LIMITS.maxUserFailures; i++) {
      const r = afterFailure(failed, now);
      expect(r).toEqual({ failedLogins: i, lockedUntil: null });
      failed = r.failedLogins;
    }
    expect(afterFailure(failed, now)).toEqual({ failedLogins: 0, lockedUntil: new Date('2026-03-20T03:15:00Z') });
  });

  it('is locked strictly before the lock ends', () => {
    const until = new Date('2026-03-20T03:15:00Z');
    expect(isLocked(until, new Date('2026-03-20T03:14:59.999Z'))).toBe(true);
    expect(isLocked(until, until)).toBe(false);
    expect(isLocked(null, now)).toBe(false);
  });

  it('counts IP failures over the last fifteen minutes', () => {
    expect(ipWindowStart(now)).toEqual(new Date('2026-03-20T02:45:00Z'));
  });
});
