import { parseArgs } from 'node:util';
import { DateTime } from 'luxon';
import { bootstrap } from '../../bootstrap.ts';
import { InputError, UsageError, writeJsonLine, type CliCommand } from '../../cli/command.ts';
import { dailySteps } from '../../flows/daily-run.ts';
import { productionPlanner } from './planner.ts';
import { DailyBusyError, runDaily } from './run-daily.ts';

function parseAt(text: string | undefined, zone: string): Date {
  if (text === undefined) return new Date();
  const dt = DateTime.fromISO(text, { zone });
  if (!dt.isValid) throw new InputError(`--at: '${text}' is not an ISO 8601 instant (e.g. 2026-08-17T02:00:00+07:00)`);
  return dt.toJSDate();
}

function positiveInt(name: string, text: string | undefined, fallback: number, min: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} must be a whole number ≥ ${min}`);
  return n;
}

/**
 * `tagih run daily [--at ISO_INSTANT] [--page-size N] [--pause-ms N]`: the daily batch; prints one JSON summary.
 * A crashed run of the same business date resumes from its checkpoint; a finished one runs again harmlessly.
 */
export const runDailyCommand: CliCommand = {
  summary: 'Daily batch: promises, DPD/bucket/Kol with history, strategy treatments, escalations (resumable, idempotent).',
  usage: '[--at ISO_INSTANT] [--page-size N] [--pause-ms N]',
  async run(args, ctx) {
    const { values } = parseArgs({ args, options: { at: { type: 'string' }, 'page-size': { type: 'string' }, 'pause-ms': { type: 'string' } } });
    const at = parseAt(values.at, ctx.config.dailyZone);
    const pageSize = positiveInt('page-size', values['page-size'], 5000, 1);
    const pauseMs = positiveInt('pause-ms', values['pause-ms'], 0, 0);
    const deps = await bootstrap(ctx.config);
    try {
      const summary = await runDaily(deps.db.kysely, { at, batchZone: ctx.config.dailyZone, planner: productionPlanner(at), steps: dailySteps(deps),
        pageSize,
        pauseMs,
        onPage: (p) => ctx.stderr.write(`daily: ${p.pages} pages, ${p.accounts} accounts done${p.resumed ? ' (resumed run)' : ''}\n`),
      });
      writeJsonLine(ctx.stdout, summary);
      return 0;
    } catch (err) {
      if (err instanceof DailyBusyError) throw new InputError(err.message);
      throw err;
    } finally {
      await deps.db.close();
    }
  },
};
