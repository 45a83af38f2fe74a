import { parseArgs } from 'node:util';
import { bootstrap } from '../../bootstrap.ts';
import type { CliCommand } from '../../cli/command.ts';
import { listen } from '../../server.ts';
import { formatDemoUsers, seedDemoUsers } from '../auth/index.ts';
import { seedDemoPortfolio } from '../demo/index.ts';
import { startBackgroundDispatchers } from '../outbox/index.ts';
import { ensureWebBuild } from './web-build.ts';

/**
 * `tagih serve` (what `npm start` runs): migrate, seed demo users and a demo portfolio on first start,
 * build the web app if needed, and serve on PORT.
 */
export const serveCommand: CliCommand = {
  summary: 'Serve the API and web app (embedded PostgreSQL under ./data unless DATABASE_URL is set).',
  usage: '[--no-demo]',
  async run(args, ctx) {
    const { values } = parseArgs({ args, options: { 'no-demo': { type: 'boolean', default: false } } });
    const log = (msg: string) => ctx.stderr.write(`${msg}\n`);
    const deps = await bootstrap(ctx.config);
    log(`database: ${deps.db.kind === 'pglite' ? `embedded PGlite in ${ctx.config.dataDir}/pg` : 'PostgreSQL (DATABASE_URL)'}`);
    if (!values['no-demo']) {
      const created = await seedDemoUsers(deps);
      if (created.length > 0) log(formatDemoUsers(created));
      if (ctx.config.demoAccounts > 0) {
        // Seeds only an empty portfolio; a database with accounts is left as it is.
        const summary = await seedDemoPortfolio(deps, { accounts: ctx.config.demoAccounts, seed: 1 });
        if (summary.status === 'seeded') log(`demo portfolio: ${summary.accounts} accounts, ${summary.debtors} debtors (${summary.elapsedMs} ms)`);
      }
    }
    await ensureWebBuild(log);
    const server = await listen(deps);
    log(`Tagih is running at ${server.url} (API docs: ${server.url}/docs)`);
    // The daily batch (scheduled at TAGIH_DAILY_RUN_AT under a lease) is loaded once the server is up: it pulls in
    // the strategy engine and the send path, which the first requests should not wait for.
    let daily: { stop(): void } | undefined;
    void Promise.all([import('../daily/index.ts'), import('../../flows/daily-run.ts')]).then(([m, f]) => (daily = m.scheduleDaily(deps, log, f.dailySteps(deps))));
    log('Demo logins are listed in README.md (agent1 / tagih-agent1-demo needs no authenticator).');
    const dispatchers = startBackgroundDispatchers(deps, log);
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    log('shutting down…');
    daily?.stop();
    await dispatchers.stop();
    await server.close();
    await deps.db.close();
    return 0;
  },
};
