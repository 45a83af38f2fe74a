import { DateTime } from 'luxon';
import type { AppDeps } from '../../app-deps.ts';
import { localDateOf } from '../../domain/dates.ts';
import { findRun } from './batch-runs.ts';
import { productionPlanner } from './planner.ts';
import { DAILY_JOB, DailyBusyError, runDaily, type DailyStep, type DailySummary } from './run-daily.ts';

/** The next instant at or after `now` when the local clock in `zone` reads `hhmm`. */
export function nextRunAt(now: Date, hhmm: string, zone: string): Date {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  const local = DateTime.fromJSDate(now, { zone });
  let candidate = local.set({ hour: h, minute: m, second: 0, millisecond: 0 });
  if (candidate < local) candidate = candidate.plus({ days: 1 });
  return candidate.toJSDate();
}

/** How long after start-up a missed run is caught up. */
export const CATCH_UP_DELAY_MS = 120_000;

export interface DailyScheduler {
  stop(): void;
}

/**
 * Runs the daily batch every day at `dailyRunAt` in `dailyZone` inside `npm start`. Every node may schedule it;
 * the lease lets one run it, and the others log that it is busy. A run missed while the server was down happens
 * at the next start-up check (the day's `batch_runs` row is missing or unfinished). `steps` are other modules'
 * daily steps (`dailySteps` in `src/flows/daily-run.ts`).
 */
export function scheduleDaily(deps: AppDeps, log: (msg: string) => void, steps: readonly DailyStep[] = []): DailyScheduler {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const arm = () => {
    if (stopped) return;
    const at = nextRunAt(deps.now(), deps.config.dailyRunAt, deps.config.dailyZone);
    // Timers cap at ~24.8 days; a day is far below that.
    timer = setTimeout(() => void fire(), Math.max(0, at.getTime() - deps.now().getTime()));
    timer.unref();
  };
  const fire = async () => {
    try {
      const at = deps.now();
      const s: DailySummary = await runDaily(deps.db.kysely, { at, batchZone: deps.config.dailyZone, planner: productionPlanner(at), steps });
      log(`daily batch ${s.business_date}: ${s.accounts} accounts, ${s.treatments.created} new treatments in ${s.elapsed_ms} ms`);
    } catch (err) {
      log(err instanceof DailyBusyError ? `daily batch skipped: ${err.message}` : `daily batch failed: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      arm();
    }
  };
  // Catch up shortly after start-up (not during it: PGlite has one session and the server is still warming up)
  // when today's run time has passed and today's run is missing or unfinished.
  const now = deps.now();
  const today = localDateOf(now, deps.config.dailyZone);
  const todayRun = nextRunAt(DateTime.fromISO(`${today}T00:00`, { zone: deps.config.dailyZone }).toJSDate(), deps.config.dailyRunAt, deps.config.dailyZone);
  timer = setTimeout(() => {
    void (async () => {
      const run = todayRun <= now ? await findRun(deps.db.kysely, DAILY_JOB, today).catch(() => undefined) : { status: 'succeeded' as const };
      if (!stopped && (run === undefined || run.status !== 'succeeded')) await fire();
      else arm();
    })();
  }, CATCH_UP_DELAY_MS);
  timer.unref();
  return {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
