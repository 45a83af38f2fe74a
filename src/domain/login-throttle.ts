/**
 * Limits on password guessing: a per-user lockout stops guessing one account,
 * a per-IP limit stops spraying many accounts from one address. Pure: the caller supplies counts and the clock.
 */
export const LOGIN_LIMITS = {
  /** Consecutive failures (password or MFA code) that lock a user. */
  maxUserFailures: 5,
  lockMinutes: 15,
  /** Failures from one IP within the window before that IP is refused (429). */
  maxIpFailures: 20,
  ipWindowMinutes: 15,
} as const;

/** The user's counters after one more failure: either counting up, or locked (and the counter restarted for after the lock). */
export function afterFailure(failedLogins: number, now: Date): { failedLogins: number; lockedUntil: Date | null } {
  const next = failedLogins + 1;
  if (next >= LOGIN_LIMITS.maxUserFailures) {
    return { failedLogins: 0, lockedUntil: new Date(now.getTime() + LOGIN_LIMITS.lockMinutes * 60_000) };
  }
  return { failedLogins: next, lockedUntil: null };
}

export function isLocked(lockedUntil: Date | null, now: Date): boolean {
  return lockedUntil !== null && lockedUntil.getTime() > now.getTime();
}

/** Start of the window in which an IP's failures are counted. */
export function ipWindowStart(now: Date): Date {
  return new Date(now.getTime() - LOGIN_LIMITS.ipWindowMinutes * 60_000);
}
