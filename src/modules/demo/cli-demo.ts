import { parseArgs } from 'node:util';
import { bootstrap } from '../../bootstrap.ts';
import { UsageError, writeJsonLine, type CliCommand } from '../../cli/command.ts';
import { seedDemoPortfolio } from './seed.ts';

const MAX_ACCOUNTS = 1_000_000;

function intFlag(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  if (!/^-?\d+$/.test(raw.trim())) throw new UsageError(`--${name} must be a whole number, got '${raw}'`);
  const n = Number(raw);
  if (n < min || n > max) throw new UsageError(`--${name} must be between ${min} and ${max}, got ${raw}`);
  return n;
}

/**
 * `tagih demo [--accounts N] [--seed S]` — see shared/CONTRACTS.md. Prints one JSON summary.
 * On a database that already holds accounts it writes nothing, says so on stderr and exits 0,
 * so `npm start` can call it unconditionally.
 */
export const demoCommand: CliCommand = {
  summary: 'Fill an empty database with a realistic synthetic Indonesian portfolio (deterministic by --seed).',
  usage: '[--accounts N] [--seed S]',
  async run(args, ctx) {
    const { values } = parseArgs({ args, options: { accounts: { type: 'string' }, seed: { type: 'string' } }, allowPositionals: false });
    const accounts = intFlag('accounts', values.accounts, 2000, 1, MAX_ACCOUNTS);
    const seed = intFlag('seed', values.seed, 1, -2_147_483_648, 4_294_967_295);
    const deps = await bootstrap(ctx.config);
    try {
      const r = await seedDemoPortfolio(deps, { accounts, seed, actor: { id: null, label: 'cli' } });
      if (r.status === 'skipped') {
        ctx.stderr.write(`demo: the database already has ${r.existingAccounts} account(s); nothing was written\n`);
        writeJsonLine(ctx.stdout, { skipped: true, existing_accounts: r.existingAccounts, elapsed_ms: r.elapsedMs });
        return 0;
      }
      writeJsonLine(ctx.stdout, {
        creditors: r.creditors,
        debtors: r.debtors,
        accounts: r.accounts,
        payments: r.payments,
        interactions: r.interactions,
        cases: r.cases,
        assignments: r.assignments,
        by_bucket: r.byBucket,
        by_zone: r.byZone,
        seed: r.seed,
        as_of: r.asOf,
        elapsed_ms: r.elapsedMs,
      });
      return 0;
    } finally {
      await deps.db.close();
    }
  },
};
