import { randomBytes } from 'node:crypto';
import type { AppDeps } from '../../src/app-deps.ts';
import { loadConfig } from '../../src/config.ts';
import { openDb } from '../../src/db/connection.ts';
import { migrate } from '../../src/db/migrate.ts';
import { createPiiCipher } from '../../src/lib/pii-cipher.ts';
import { seedDemoPortfolio } from '../../src/modules/demo/index.ts';
import { recreateDatabase, withDatabase } from './scratch-db.ts';

export interface DemoBenchOptions {
  /** In-memory PGlite instead of a scratch database on the server. */
  readonly pglite: boolean;
  readonly url: string;
  readonly db: string;
  readonly concurrency: number;
  readonly accounts: number;
  readonly seed: number;
}

/**
 * The preamble the debtor-facing benches share: a migrated database (PGlite or a recreated scratch database on the
 * server), app dependencies with a throwaway key, and a seeded demo portfolio. Close with `deps.db.close()`.
 */
export async function seededDemoDeps(o: DemoBenchOptions, log: (line: string) => void): Promise<AppDeps> {
  let db;
  if (o.pglite) db = await openDb({ kind: 'pglite', dataDir: null });
  else {
    await recreateDatabase(o.url, o.db);
    db = await openDb({ kind: 'postgres', url: withDatabase(o.url, o.db), poolSize: Math.min(16, o.concurrency) });
  }
  await migrate(db);
  const config = loadConfig({ LOG_LEVEL: 'silent', TAGIH_DATA_DIR: '/nonexistent' });
  const cipher = createPiiCipher({ activeKeyId: 'k1', keys: new Map([['k1', randomBytes(32)]]), indexKey: randomBytes(32) });
  const deps: AppDeps = { config, db, cipher, now: () => new Date() };
  const t = performance.now();
  await seedDemoPortfolio(deps, { accounts: o.accounts, seed: o.seed });
  log(`seeded ${o.accounts} demo accounts on ${o.pglite ? 'PGlite' : 'PostgreSQL'} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  return deps;
}
