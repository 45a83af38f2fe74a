/**
 * Rules of the debtor portal's one-time-password login, pure and clock-free: the caller passes `now`.
 * A challenge is usable for five minutes and five wrong codes; an account that asked too often, or whose
 * challenge was locked recently, gets no new code for a while. The same rules apply to unknown account numbers,
 * so the answers never reveal whether an account exists.
 */
export const OTP_POLICY = {
  ttlMs: 5 * 60_000,
  maxAttempts: 5,
  /** At most this many codes per account number per window. */
  maxRequestsPerWindow: 3,
  requestWindowMs: 15 * 60_000,
  /** At most this many codes per client address per window, whatever the account numbers (stops spraying). */
  maxRequestsPerIpPerWindow: 20,
  /** After a challenge locks, no new code for this long. */
  lockoutMs: 30 * 60_000,
  /** Debtor sessions last 30 minutes from sign-in (a short self-service visit). */
  sessionTtlMs: 30 * 60_000,
} as const;

export interface OtpChallengeState {
  readonly attempts: number;
  readonly maxAttempts: number;
  readonly expiresAt: Date;
  readonly consumedAt: Date | null;
  readonly lockedAt: Date | null;
}

export type OtpUsability = 'usable' | 'expired' | 'consumed' | 'locked';

/** Whether a code may still be tried against this challenge at `now`. */
export function otpUsability(c: OtpChallengeState, now: Date): OtpUsability {
  if (c.lockedAt !== null || c.attempts >= c.maxAttempts) return 'locked';
  if (c.consumedAt !== null) return 'consumed';
  if (now.getTime() >= c.expiresAt.getTime()) return 'expired';
  return 'usable';
}

/** After a wrong code: the new attempt count, attempts left and whether this failure locks the challenge. */
export function afterWrongCode(c: OtpChallengeState): { readonly attempts: number; readonly attemptsLeft: number; readonly locks: boolean } {
  const attempts = c.attempts + 1;
  const attemptsLeft = Math.max(0, c.maxAttempts - attempts);
  return { attempts, attemptsLeft, locks: attemptsLeft === 0 };
}

export type OtpRequestVerdict = { readonly ok: true } | { readonly ok: false; readonly reason: 'rate_limited' | 'locked'; readonly retryAt: Date };

/**
 * May a new code be issued for an account number? `recent` are the creation instants of its challenges inside the
 * window; `lastLockedAt` the latest lock of any of its challenges.
 */
export function otpRequestVerdict(recent: readonly Date[], lastLockedAt: Date | null, now: Date): OtpRequestVerdict {
  if (lastLockedAt !== null && now.getTime() < lastLockedAt.getTime() + OTP_POLICY.lockoutMs) {
    return { ok: false, reason: 'locked', retryAt: new Date(lastLockedAt.getTime() + OTP_POLICY.lockoutMs) };
  }
  const windowStart = now.getTime() - OTP_POLICY.requestWindowMs;
  const inWindow = recent.filter((d) => d.getTime() > windowStart).map((d) => d.getTime()).sort((a, b) => a - b);
  if (inWindow.length >= OTP_POLICY.maxRequestsPerWindow) {
    return { ok: false, reason: 'rate_limited', retryAt: new Date(inWindow[inWindow.length - OTP_POLICY.maxRequestsPerWindow]! + OTP_POLICY.requestWindowMs) };
  }
  return { ok: true };
}

/** Account numbers as typed: case and spacing do not matter ("kta 0001" = "KTA-0001" is not assumed; only trim/case). */
export function normalizeAccountNo(input: string): string {
  return input.trim().toUpperCase();
}

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/**
 * Preferred contact hours must be a non-empty window inside 08:00–20:00 local time, the hours Indonesian
 * collection rules allow (POJK 22/2023 and the AFPI code of conduct); the contact policy still enforces those limits.
 */
export function validContactHours(start: string, end: string): boolean {
  if (!HHMM.test(start) || !HHMM.test(end)) return false;
  return start >= '08:00' && end <= '20:00' && start < end;
}
