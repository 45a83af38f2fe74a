import { hostname } from 'node:os';
import type { AppDeps } from '../../app-deps.ts';
import { adaptersFromConfig } from './channels/registry.ts';
import { addSummary, createDispatcher, DEFAULT_DISPATCHER, emptySummary, type BatchSummary, type DispatcherOptions } from './dispatcher.ts';

export interface DispatcherPoolOptions extends Partial<Omit<DispatcherOptions, 'workerId' | 'now'>> {
  readonly workers: number;
  readonly pollMs?: number;
  readonly untilIdle?: boolean;
  readonly signal?: AbortSignal;
  /** Prefix of each worker's `claimed_by`; default `host:pid`. */
  readonly idPrefix?: string;
}

/**
 * Runs `workers` dispatcher loops in this process (they share the connection pool and coordinate only
 * through row locks, exactly as separate processes would) and resolves with their combined summary.
 */
export async function runDispatchers(deps: AppDeps, opts: DispatcherPoolOptions): Promise<BatchSummary> {
  const { adapters, close } = adaptersFromConfig(deps.config, deps.db.kysely, deps.now);
  const prefix = opts.idPrefix ?? `${hostname()}:${process.pid}`;
  try {
    const loops = Array.from({ length: opts.workers }, (_, i) =>
      createDispatcher(
        { db: deps.db.kysely, cipher: deps.cipher, adapters },
        {
          workerId: `${prefix}:${i + 1}`,
          batchSize: opts.batchSize ?? DEFAULT_DISPATCHER.batchSize,
          leaseMs: opts.leaseMs ?? DEFAULT_DISPATCHER.leaseMs,
          backoff: opts.backoff ?? DEFAULT_DISPATCHER.backoff,
          now: deps.now,
        },
      ).run({ ...(opts.signal ? { signal: opts.signal } : {}), pollMs: opts.pollMs ?? 1000, untilIdle: opts.untilIdle ?? false }),
    );
    const total = emptySummary();
    for (const s of await Promise.all(loops)) addSummary(total, s);
    return total;
  } finally {
    close();
  }
}
