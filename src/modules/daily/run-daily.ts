import { setTimeout as sleep } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { localDateOf } from '../../domain/dates.ts';
import { evaluateAccount, STOP_CONDITIONS, type ActiveStrategy } from '../../domain/strategy/index.ts';
import { ensureDefaultStrategy, loadActiveStrategy, loadStrategy, toAccountFacts } from '../strategies/index.ts';
import { finishRun, findRun, markResumed, saveCheckpoint, startRun } from './batch-runs.ts';
import { recomputePage } from './delinquency-page.ts';
import { acquireLease, newHolderId, releaseLease, renewLease } from './lease.ts';
import { evaluatePromisesPage } from './promises-page.ts';
import { applyTreatments, emptyTreatmentCounts, type BatchContactPlanner, type DecidedTreatment, type TreatmentCounts } from './treatments.ts';

export const DAILY_JOB = 'daily';
export const DAILY_LEASE = 'job:daily';

/**
 * A step another module contributes to the daily batch (wired by `src/flows/daily-run.ts`, e.g. plan breach
 * detection). Runs under the lease before the account pass, so its effects feed today's strategy; it must be
 * idempotent, because a resumed or repeated run of the day runs it again.
 */
export interface DailyStep {
  readonly name: string;
  run(at: Date): Promise<Readonly<Record<string, number>>>;
}

export interface DailyRunOptions {
  /** The run's instant (`--at`); each account's business date is its local date at this instant. */
  readonly at: Date;
  /** The zone whose date names the run (`batch_runs.business_date`), normally the lender's head office. */
  readonly batchZone: string;
  /** The send path's planner; null records contacts as `deferred` in the ledger and sends nothing. */
  readonly planner: BatchContactPlanner | null;
  /** Other modules' steps, run in order before the promise and account passes. */
  readonly steps?: readonly DailyStep[];
  readonly pageSize?: number;
  /** Pause between pages, to be gentle with a busy primary (also lets tests interrupt a run mid-way). */
  readonly pauseMs?: number;
  readonly leaseTtlMs?: number;
  readonly holder?: string;
  /** Called after each committed account page (the CLI prints it on stderr). */
  readonly onPage?: (progress: { readonly pages: number; readonly accounts: number; readonly resumed: boolean }) => void;
}

interface Counts {
  accounts: number;
  delinquency_updated: number;
  transitions: number;
  promises: { evaluated: number; kept: number; partially_kept: number; broken: number };
  arms: Record<string, number>;
  no_segment: number;
  stopped: Record<string, number>;
  treatments: TreatmentCounts;
  pages: number;
}

/** Saved in `batch_runs.checkpoint` after every page, in the page's transaction. */
interface Checkpoint {
  phase: 'promises' | 'accounts' | 'done';
  after: string | null;
  strategy_version: number | null;
  counts: Counts;
}

export interface DailySummary extends Counts {
  job: string;
  business_date: string;
  at: string;
  strategy_version: number | null;
  resumed: boolean;
  rerun: boolean;
  default_strategy_seeded: boolean;
  /** Each contributed step's counts, by step name. */
  steps: Record<string, Readonly<Record<string, number>>>;
  elapsed_ms: number;
}

export class DailyBusyError extends Error {
  override readonly name = 'DailyBusyError';
}

const emptyCounts = (): Counts => ({
  accounts: 0,
  delinquency_updated: 0,
  transitions: 0,
  promises: { evaluated: 0, kept: 0, partially_kept: 0, broken: 0 },
  arms: {},
  no_segment: 0,
  stopped: Object.fromEntries(STOP_CONDITIONS.map((s) => [s, 0])),
  treatments: emptyTreatmentCounts(),
  pages: 0,
});

function isCheckpoint(v: unknown): v is Checkpoint {
  return typeof v === 'object' && v !== null && 'phase' in v && 'counts' in v;
}

/**
 * The daily batch: evaluate promises whose date passed, then stream every active account in keyset pages —
 * recompute DPD/bucket/Kol with history (set-based), apply the active strategy, create work items, escalate and
 * plan contacts. Each page commits with its checkpoint, so a killed run resumes after the last committed page;
 * ledger keys make a re-run of the same day (or a resumed page) treat nobody twice. One node at a time (lease).
 */
export async function runDaily(db: Kysely<Database>, opts: DailyRunOptions): Promise<DailySummary> {
  const started = performance.now();
  const holder = opts.holder ?? newHolderId();
  const ttl = opts.leaseTtlMs ?? 120_000;
  const lease = await acquireLease(db, DAILY_LEASE, holder, ttl);
  if (!lease.ok) throw new DailyBusyError(`the daily batch is already running (lease held by ${lease.heldBy})`);
  const businessDate = localDateOf(opts.at, opts.batchZone);
  let runId: string | null = null;
  try {
    const seeded = await ensureDefaultStrategy(db, { id: null, label: 'daily-batch' }, opts.at);
    const steps: Record<string, Readonly<Record<string, number>>> = {};
    for (const step of opts.steps ?? []) steps[step.name] = await step.run(opts.at);
    const existing = await findRun(db, DAILY_JOB, businessDate);
    let cp: Checkpoint;
    let resumed = false;
    let rerun = false;
    if (existing && existing.status !== 'succeeded' && isCheckpoint(existing.checkpoint)) {
      cp = existing.checkpoint;
      runId = existing.id;
      resumed = true;
      await markResumed(db, runId);
    } else {
      rerun = existing?.status === 'succeeded';
      const active = await loadActiveStrategy(db);
      cp = { phase: 'promises', after: null, strategy_version: active?.version ?? null, counts: emptyCounts() };
      runId = await startRun(db, DAILY_JOB, businessDate, cp);
    }
    // A resumed run keeps the version it started with, even if another was activated in between.
    const strategy: ActiveStrategy | null = cp.strategy_version === null ? null : await loadStrategy(db, cp.strategy_version);
    const pageSize = opts.pageSize ?? 5000;
    const id = runId;

    const nextPage = async () => {
      if (!(await renewLease(db, DAILY_LEASE, holder, ttl))) throw new DailyBusyError('lost the daily lease to another node; stopping');
      if (opts.pauseMs) await sleep(opts.pauseMs);
    };

    while (cp.phase === 'promises') {
      const from = cp;
      cp = await db.transaction().execute(async (trx) => {
        const page = await evaluatePromisesPage(trx, from.after, pageSize, opts.at);
        const c: Counts = structuredClone(from.counts);
        c.promises.evaluated += page.evaluated;
        c.promises.kept += page.kept;
        c.promises.partially_kept += page.partiallyKept;
        c.promises.broken += page.broken;
        const next: Checkpoint = page.last === null ? { ...from, counts: c, phase: 'accounts', after: null } : { ...from, counts: c, after: page.last };
        await saveCheckpoint(trx, id, next);
        return next;
      });
      await nextPage();
    }

    while (cp.phase === 'accounts') {
      const from = cp;
      cp = await db.transaction().execute(async (trx) => {
        const c: Counts = structuredClone(from.counts);
        const page = await recomputePage(trx, from.after, pageSize, opts.at);
        c.accounts += page.rows.length;
        c.delinquency_updated += page.updated;
        c.transitions += page.transitions;
        if (strategy !== null) {
          const decided: DecidedTreatment[] = [];
          for (const row of page.rows) {
            const e = evaluateAccount(strategy, toAccountFacts(row), row.local_date);
            c.arms[e.arm] = (c.arms[e.arm] ?? 0) + 1;
            if (e.kind === 'no_segment') c.no_segment++;
            else if (e.kind === 'stopped') c.stopped[e.stop] = (c.stopped[e.stop] ?? 0) + 1;
            else {
              for (const t of e.treatments) {
                decided.push({ accountId: row.id, debtorId: row.debtor_id, zone: row.timezone, businessDate: row.local_date, segment: e.segment, arm: e.arm, treatment: t });
              }
            }
          }
          await applyTreatments(trx, strategy.version, decided, opts.planner, c.treatments);
        }
        c.pages++;
        const last = page.rows.at(-1)?.id;
        const next: Checkpoint = last === undefined ? { ...from, counts: c, phase: 'done', after: null } : { ...from, counts: c, after: last };
        await saveCheckpoint(trx, id, next);
        return next;
      });
      opts.onPage?.({ pages: cp.counts.pages, accounts: cp.counts.accounts, resumed });
      if (cp.phase === 'accounts') await nextPage();
    }

    const summary: DailySummary = {
      job: DAILY_JOB,
      business_date: businessDate,
      at: opts.at.toISOString(),
      strategy_version: cp.strategy_version,
      resumed,
      rerun,
      default_strategy_seeded: seeded.seeded,
      ...cp.counts,
      steps,
      elapsed_ms: Math.round(performance.now() - started),
    };
    await finishRun(db, id, 'succeeded', summary);
    return summary;
  } catch (err) {
    if (runId !== null && !(err instanceof DailyBusyError)) {
      await finishRun(db, runId, 'failed', { error: err instanceof Error ? err.message : String(err) }).catch(() => {});
    }
    throw err;
  } finally {
    await releaseLease(db, DAILY_LEASE, holder).catch(() => {});
  }
}
