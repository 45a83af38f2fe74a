import rateLimit, { type RateLimitOptions } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { AppError } from './app-error.ts';

/** Every public limit counts per minute. */
export const RATE_WINDOW_MS = 60_000;

/**
 * Registers @fastify/rate-limit for routes that opt in (`config.rateLimit: perIp(n)` or `keyedLimit`); nothing is
 * limited globally. A refused request gets the one error shape, 429 `TAGIH_RATE_LIMITED`, with `Retry-After`.
 * The counters live in this process (an LRU of 10 000 keys): with several API nodes behind a balancer each node
 * counts on its own, so the effective limit is up to N × the configured one unless the balancer is sticky.
 */
export async function registerRateLimits(app: FastifyInstance): Promise<void> {
  await app.register(rateLimit, {
    global: false,
    cache: 10_000,
    timeWindow: RATE_WINDOW_MS,
    errorResponseBuilder: (_req, ctx) => new AppError('TAGIH_RATE_LIMITED', `too many requests; retry in ${ctx.after}`, { limit: ctx.max, retry_after_seconds: Math.ceil(ctx.ttl / 1000) }),
  });
}

/** Route config: at most `max` requests per minute per client IP (X-Forwarded-For only from TAGIH_TRUST_PROXY). */
export function perIp(max: number): RateLimitOptions {
  return { max, timeWindow: RATE_WINDOW_MS };
}

/**
 * A second limit on a route, by a key of the request (conversation token, phone …), checked after validation.
 * `key` returning null skips the check. Counts in its own bucket, separate from the route's per-IP limit.
 */
export function keyedLimit(app: FastifyInstance, name: string, max: number, key: (req: FastifyRequest) => string | null): preHandlerAsyncHookHandler {
  const limiter = app.createRateLimit({ max, timeWindow: RATE_WINDOW_MS, keyGenerator: (req) => `${name}:${key(req) ?? ''}` });
  return async (req, reply) => {
    if (key(req) === null) return;
    const r = await limiter(req);
    if (r.isAllowed || !r.isExceeded) return;
    const seconds = Math.max(1, Math.ceil(r.ttl / 1000));
    void reply.header('retry-after', String(seconds));
    throw new AppError('TAGIH_RATE_LIMITED', `too many requests for this ${name}; retry in ${seconds} s`, { limit: r.max, retry_after_seconds: seconds });
  };
}
