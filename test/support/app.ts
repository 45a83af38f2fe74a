import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import type { AppDeps } from '../../src/app-deps.ts';
import { loadConfig } from '../../src/config.ts';
import type { Db } from '../../src/db/connection.ts';
import { createPiiCipher } from '../../src/lib/pii-cipher.ts';

/** Deps for tests: the given database, a fresh random keyring, silent logs, optionally a fixed clock. */
export function testDeps(db: Db, opts: { now?: () => Date; env?: Record<string, string> } = {}): AppDeps {
  const config = loadConfig({ LOG_LEVEL: 'silent', TAGIH_DATA_DIR: '/nonexistent', ...opts.env });
  const cipher = createPiiCipher({ activeKeyId: 'k1', keys: new Map([['k1', randomBytes(32)]]), indexKey: randomBytes(32) });
  return { config, db, cipher, now: opts.now ?? (() => new Date()) };
}

export async function testApp(db: Db, opts: Parameters<typeof testDeps>[1] = {}): Promise<{ app: FastifyInstance; deps: AppDeps }> {
  const deps = testDeps(db, opts);
  const app = await buildApp(deps);
  await app.ready();
  return { app, deps };
}
