/** Retry delays: exponential from `baseMs`, capped at `maxMs`. */
export interface BackoffPolicy {
  readonly baseMs: number;
  readonly maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 30_000, maxMs: 3_600_000 };

/**
 * The wait before retry number `attempt` (the attempt that just failed, 1-based): base · 2^(attempt−1),
 * capped. Deterministic on purpose: a provider outage is retried on a predictable schedule, and the
 * SKIP LOCKED claim already spreads the load over workers.
 * @example retryDelayMs(3, { baseMs: 30_000, maxMs: 3_600_000 }) // 120000
 */
export function retryDelayMs(attempt: number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const exponent = Math.min(Math.max(attempt, 1) - 1, 30);
  return Math.min(policy.maxMs, policy.baseMs * 2 ** exponent);
}
