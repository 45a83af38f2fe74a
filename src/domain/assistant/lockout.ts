/**
 * Identity-verification lockout, per debtor across every channel and conversation: after `maxFailures` wrong
 * answers inside `windowMs` the debtor's chat verification is locked for `lockMs`, and the service raises an alert.
 * Pure: the caller passes the stored counters and `now`.
 */
export interface LockoutPolicy {
  readonly maxFailures: number;
  readonly windowMs: number;
  readonly lockMs: number;
}

export const DEFAULT_LOCKOUT: LockoutPolicy = { maxFailures: 3, windowMs: 24 * 3600_000, lockMs: 24 * 3600_000 };

export interface LockState {
  readonly failures: number;
  readonly windowStartedAt: Date;
  readonly lockedUntil: Date | null;
}

export function isLocked(state: LockState | null, now: Date): boolean {
  return state?.lockedUntil != null && state.lockedUntil.getTime() > now.getTime();
}

/** The state after one more failure; `newlyLocked` tells the caller to alert exactly once. */
export function recordFailure(state: LockState | null, now: Date, policy: LockoutPolicy = DEFAULT_LOCKOUT): { state: LockState; newlyLocked: boolean } {
  const windowOpen = state !== null && now.getTime() - state.windowStartedAt.getTime() < policy.windowMs && !(state.lockedUntil !== null && state.lockedUntil <= now);
  const failures = windowOpen ? state.failures + 1 : 1;
  const windowStartedAt = windowOpen ? state.windowStartedAt : now;
  if (failures >= policy.maxFailures) {
    return { state: { failures, windowStartedAt, lockedUntil: new Date(now.getTime() + policy.lockMs) }, newlyLocked: !isLocked(state, now) };
  }
  return { state: { failures, windowStartedAt, lockedUntil: null }, newlyLocked: false };
}

/** Failures left before the lock, for "Sisa percobaan: N". */
export function attemptsLeft(state: LockState | null, now: Date, policy: LockoutPolicy = DEFAULT_LOCKOUT): number {
  if (state === null || isLocked(state, now)) return state === null ? policy.maxFailures : 0;
  const windowOpen = now.getTime() - state.windowStartedAt.getTime() < policy.windowMs;
  return Math.max(0, policy.maxFailures - (windowOpen ? state.failures : 0));
}
