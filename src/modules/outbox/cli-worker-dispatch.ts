import { parseArgs } from 'node:util';
import { bootstrap } from '../../bootstrap.ts';
import { UsageError, writeJsonLine, type CliCommand } from '../../cli/command.ts';
import { runDispatchers } from './workers.ts';

function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name} must be a positive whole number, got '${value}'`);
  return n;
}

/**
 * `tagih worker dispatch`: a dispatcher process. Run as many as needed on as many hosts as needed;
 * they share the work through `FOR UPDATE SKIP LOCKED`. SIGTERM/SIGINT finish the current batch and exit.
 * Prints a JSON summary on exit.
 */
export const workerDispatchCommand: CliCommand = {
  summary: 'Send due outbox messages: claim, re-check the contact policy, render, send, record (several may run).',
  usage: '[--workers K] [--batch N] [--lease-seconds S] [--poll-ms MS] [--until-idle] [--id PREFIX]',
  async run(args, ctx) {
    const { values } = parseArgs({
      args,
      options: {
        workers: { type: 'string' },
        batch: { type: 'string' },
        'lease-seconds': { type: 'string' },
        'poll-ms': { type: 'string' },
        'until-idle': { type: 'boolean', default: false },
        id: { type: 'string' },
      },
    });
    const workers = positiveInt('workers', values.workers, 1);
    const batchSize = positiveInt('batch', values.batch, 100);
    const leaseMs = positiveInt('lease-seconds', values['lease-seconds'], 300) * 1000;
    const pollMs = positiveInt('poll-ms', values['poll-ms'], 1000);
    const deps = await bootstrap(ctx.config);
    const abort = new AbortController();
    const stop = () => abort.abort();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    const started = Date.now();
    try {
      ctx.stderr.write(`dispatch: ${workers} worker(s), batch ${batchSize}, lease ${leaseMs / 1000}s\n`);
      const summary = await runDispatchers(deps, {
        workers,
        batchSize,
        leaseMs,
        pollMs,
        untilIdle: values['until-idle'],
        signal: abort.signal,
        ...(values.id ? { idPrefix: values.id } : {}),
      });
      writeJsonLine(ctx.stdout, { ...summary, elapsed_ms: Date.now() - started });
      return 0;
    } finally {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      await deps.db.close();
    }
  },
};
