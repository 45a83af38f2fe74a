/**
 * Fault test: a real dispatcher process (`node bin/tagih.js worker dispatch`) sending through a
 * loopback HTTP SMS gateway is killed with SIGKILL twice mid-run and restarted; afterwards every
 * message has been delivered exactly once — 0 duplicates, 0 lost. Runs on a file-backed PGlite and,
 * with TEST_DATABASE_URL, on the PostgreSQL server.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openDb, type DbTarget } from '../../db/connection.ts';
import { migrate } from '../../db/migrate.ts';
import { createPiiCipher } from '../../lib/pii-cipher.ts';
import { newKeyFile, toKeyring } from '../../lib/keyring-store.ts';
import { startLoopbackSms, type LoopbackSms } from './test-support/loopback-sms.ts';
import { seedDispatchLoad, zoneOpenAt } from './test-support/seed-load.ts';
import { createScratchSchema } from '../../../test/support/scratch-schema.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const serverUrl = process.env['TEST_DATABASE_URL'];

interface Target {
  readonly name: string;
  /** Messages to seed: fewer on PGlite, whose single session and crash recovery make each restart slow. */
  readonly messages: number;
  setup(): Promise<{ db: DbTarget; env: Record<string, string>; cleanup(): Promise<void> }>;
}

const targets: Target[] = [
  {
    name: 'pglite (file)',
    messages: 120,
    async setup() {
      const dir = mkdtempSync(join(tmpdir(), 'tagih-fault-'));
      return { db: { kind: 'pglite', dataDir: join(dir, 'pg') }, env: { TAGIH_DATA_DIR: dir }, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
    },
  },
  ...(serverUrl
    ? [
        {
          name: 'postgres',
          messages: 300,
          async setup() {
            const dir = mkdtempSync(join(tmpdir(), 'tagih-fault-'));
            const scratch = await createScratchSchema(serverUrl, 'f');
            return {
              db: { kind: 'postgres', url: serverUrl, schema: scratch.schema } satisfies DbTarget,
              env: { TAGIH_DATA_DIR: dir, DATABASE_URL: scratch.url },
              async cleanup() {
                await scratch.drop();
                rmSync(dir, { recursive: true, force: true });
              },
            };
          },
        } satisfies Target,
      ]
    : []),
];

function startWorker(env: Record<string, string>): { child: ChildProcess; exited: Promise<number | null>; stderr: () => string } {
  const child = spawn(process.execPath, ['bin/tagih.js', 'worker', 'dispatch', '--workers', '2', '--batch', '10', '--lease-seconds', '2', '--poll-ms', '50', '--until-idle'], {
    cwd: ROOT,
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp', LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr?.on('data', (c: Buffer) => (err += c.toString()));
  child.stdout?.resume();
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, stderr: () => err };
}

async function waitFor(cond: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.each(targets)('dispatcher killed with SIGKILL on $name', (target) => {
  it('delivers every message exactly once across two crashes', { timeout: 480_000 }, async () => {
    const MESSAGES = target.messages;
    const { db: dbTarget, env, cleanup } = await target.setup();
    const keyFile = newKeyFile();
    const cipher = createPiiCipher(toKeyring(keyFile));
    // The gateway answers slowly, so requests are in flight (accepted, not yet recorded) when the kill lands.
    const gateway: LoopbackSms = await startLoopbackSms({ delayMs: 40 });
    try {
      const seedDb = await openDb(dbTarget);
      await migrate(seedDb);
      const now = new Date();
      const keys = await seedDispatchLoad(seedDb.kysely, cipher, { messages: MESSAGES, zone: zoneOpenAt(now, 2), notBefore: new Date(now.getTime() - 60_000) });
      await seedDb.close();
      const childEnv = { ...env, TAGIH_PII_KEYS: JSON.stringify(keyFile), TAGIH_SMS_URL: gateway.url };

      for (const fraction of [1 / 4, 2 / 3]) {
        const w = startWorker(childEnv);
        await waitFor(() => gateway.deliveries.size >= MESSAGES * fraction, 120_000, `${fraction} of the deliveries (stderr: ${w.stderr()})`);
        w.child.kill('SIGKILL');
        expect(await w.exited).toBeNull();
      }
      expect(gateway.deliveries.size).toBeLessThan(MESSAGES);

      const last = startWorker(childEnv);
      const code = await last.exited;
      expect(code, last.stderr()).toBe(0);

      expect(keys.filter((k) => gateway.deliveries.get(k) !== 1)).toEqual([]);
      expect(gateway.deliveries.size).toBe(MESSAGES);
      const check = await openDb(dbTarget);
      try {
        const rows = await check.kysely.selectFrom('outbox_messages').select(['status', 'provider_message_id']).execute();
        expect(rows).toHaveLength(MESSAGES);
        expect(rows.filter((r) => r.status !== 'sent')).toEqual([]);
        expect(new Set(rows.map((r) => r.provider_message_id)).size).toBe(MESSAGES);
        const sentEvents = await check.kysely.selectFrom('outbox_events').select('outbox_id').where('event', '=', 'sent').execute();
        expect(new Set(sentEvents.map((e) => e.outbox_id)).size).toBe(MESSAGES);
      } finally {
        await check.close();
      }
      // The kills did land mid-send: some requests were repeated after a takeover, and deduped by key.
      const repeated = [...gateway.requests.values()].filter((n) => n > 1).length;
      process.stderr.write(`${target.name}: ${MESSAGES} delivered once each; ${repeated} requests repeated after takeover and deduped\n`);
    } finally {
      await gateway.close();
      await cleanup();
    }
  });
});
