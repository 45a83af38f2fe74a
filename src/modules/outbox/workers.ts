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

/**
 * The dispatchers `tagih serve` runs beside the API (TAGIH_DISPATCHERS, default 1; 0 leaves sending to
 * separate `tagih worker dispatch` processes). A failed loop is logged and restarted after a pause:
 * a claim it held is taken over when its lease expires, so nothing is lost or sent twice.
 */
export function startBackgroundDispatchers(deps: AppDeps, log: (msg: string) => void): { stop(): Promise<void> } {
  const n = deps.config.dispatchers;
  if (n === 0) return { stop: async () => {} };
  const abort = new AbortController();
  const loop = async (): Promise<void> => {
    while (!abort.signal.aborted) {
      try {
        await runDispatchers(deps, { workers: n, pollMs: 2000, signal: abort.signal });
      } catch (err) {
        log(`dispatcher stopped: ${(err as Error).message}; restarting in 10 s`);
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, 10_000);
          abort.signal.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
        });
      }
    }
  };
  const running = loop();
  log(`dispatch: ${n} worker(s) in this process (channels not configured deliver to the local sandbox)`);
  return {
    async stop() {
      abort.abort();
      await running;
    },
  };
}
