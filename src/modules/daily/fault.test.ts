/**
 * Fault test (issue 3, part 8): the daily run as a real child process (`node bin/tagih.js run daily`), killed with
 * SIGKILL mid-run after pages have committed, then restarted. The end state must equal an uninterrupted run's on an
 * identical portfolio: 0 duplicate and 0 lost treatments (ledger, work items, outbox rows, plan decisions), same
 * delinquency history. On the server (scratch schemas) and on PGlite (file-backed data directories).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { seedDailyPortfolio } from '../../../bench/support/daily-portfolio.ts';
import { openDb, type Db, type DbTarget } from '../../db/connection.ts';
import { migrate } from '../../db/migrate.ts';
import { createScratchSchema } from '../../../test/support/scratch-schema.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const AT = '2026-03-20T02:00:00+07:00';
const ACCOUNTS = 1500;
const PAGE = 100;
const serverUrl = process.env['TEST_DATABASE_URL'];

/** One place the daily run can live: how to open it here and what environment the child gets. */
interface Place {
  readonly target: DbTarget;
  readonly env: Record<string, string>;
  cleanup(): Promise<void>;
}

async function serverPlace(): Promise<Place> {
  const scratch = await createScratchSchema(serverUrl!, 'f');
  const dir = mkdtempSync(join(tmpdir(), 'tagih-fault-'));
  return {
    target: { kind: 'postgres', url: serverUrl!, schema: scratch.schema, poolSize: 2 },
    env: { DATABASE_URL: scratch.url, TAGIH_DATA_DIR: dir },
    async cleanup() {
      await scratch.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function pglitePlace(): Promise<Place> {
  const dir = mkdtempSync(join(tmpdir(), 'tagih-fault-'));
  return { target: { kind: 'pglite', dataDir: join(dir, 'pg') }, env: { TAGIH_DATA_DIR: dir }, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
}

async function withDb<T>(place: Place, f: (db: Db) => Promise<T>): Promise<T> {
  const db = await openDb(place.target);
  try {
    return await f(db);
  } finally {
    await db.close();
  }
}

function startDaily(place: Place, extra: string[]): { child: ChildProcess; done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>; pages: () => number } {
  const env: Record<string, string> = { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp', LOG_LEVEL: 'silent', ...place.env };
  const child = spawn(process.execPath, ['bin/tagih.js', 'run', 'daily', '--at', AT, '--page-size', String(PAGE), ...extra], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let pages = 0;
  child.stdout!.on('data', (b: Buffer) => (stdout += b.toString()));
  child.stderr!.on('data', (b: Buffer) => {
    stderr += b.toString();
    for (const m of stderr.matchAll(/daily: (\d+) pages/g)) pages = Math.max(pages, Number(m[1]));
  });
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, done, pages: () => pages };
}

async function until(cond: () => boolean, timeoutMs: number): Promise<void> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Everything a treatment leaves behind, by idempotency key (ids differ between databases, keys do not). */
async function outcome(db: Db) {
  const k = db.kysely;
  const col = async (q: Promise<{ v: string }[]>) => (await q).map((r) => r.v);
  return {
    ledger: await col(sql<{ v: string }>`select idempotency_key || '|' || outcome as v from strategy_treatments order by 1`.execute(k).then((r) => r.rows)),
    work: await col(sql<{ v: string }>`select idempotency_key || '|' || kind || '|' || queue as v from work_items order by 1`.execute(k).then((r) => r.rows)),
    outbox: await col(sql<{ v: string }>`select idempotency_key || '|' || status as v from outbox_messages order by 1`.execute(k).then((r) => r.rows)),
    decisions: Number((await sql<{ n: number }>`select count(*)::int as n from contact_decisions`.execute(k)).rows[0]!.n),
    history: await col(sql<{ v: string }>`select account_id || '|' || bucket || '|' || added_on as v from delinquency_history where lifted_on is null order by 1`.execute(k).then((r) => r.rows)),
    promises: await col(sql<{ v: string }>`select account_id || '|' || status as v from promises_to_pay order by 1`.execute(k).then((r) => r.rows)),
  };
}

const places: { name: string; make: () => Promise<Place> }[] = [
  ...(serverUrl ? [{ name: 'postgres', make: serverPlace }] : []),
  { name: 'pglite (file-backed)', make: pglitePlace },
];

describe.each(places)('daily run killed with SIGKILL and restarted, on $name', ({ make }) => {
  const made: Place[] = [];
  afterAll(async () => {
    for (const p of made) await p.cleanup();
  });

  it('ends with exactly the treatments of an uninterrupted run: none lost, none twice', { timeout: 600_000 }, async () => {
    const [killed, reference] = [await make(), await make()];
    made.push(killed, reference);
    for (const p of [killed, reference]) {
      await withDb(p, async (db) => {
        await migrate(db);
        await seedDailyPortfolio(db.kysely, { accounts: ACCOUNTS, baseDate: '2026-03-20' });
      });
    }

    const ref = startDaily(reference, []);
    const refResult = await ref.done;
    expect(refResult.code, refResult.stderr).toBe(0);
    const refSummary = JSON.parse(refResult.stdout) as { pages: number; treatments: { created: number } };
    expect(refSummary.treatments.created).toBeGreaterThan(0);

    // Slow pages so the kill lands mid-run, after some pages have committed.
    const first = startDaily(killed, ['--pause-ms', '300']);
    await until(() => first.pages() >= 3, 300_000);
    first.child.kill('SIGKILL');
    const dead = await first.done;
    expect(dead.signal).toBe('SIGKILL');
    expect(dead.stdout).toBe('');

    if (killed.target.kind === 'postgres') {
      const mid = await withDb(killed, async (db) => db.kysely.selectFrom('batch_runs').select(['status', 'checkpoint']).executeTakeFirstOrThrow());
      expect(mid.status).toBe('running');
      const pagesDone = (mid.checkpoint as { counts: { pages: number } }).counts.pages;
      expect(pagesDone).toBeGreaterThanOrEqual(3);
      expect(pagesDone).toBeLessThan(refSummary.pages);
    }

    const second = startDaily(killed, []);
    const resumed = await second.done;
    expect(resumed.code, resumed.stderr).toBe(0);
    const summary = JSON.parse(resumed.stdout) as { resumed: boolean; pages: number; treatments: { created: number } };
    expect(summary.resumed).toBe(true);
    expect(summary.pages).toBe(refSummary.pages);
    expect(summary.treatments.created).toBe(refSummary.treatments.created);

    const a = await withDb(killed, outcome);
    const b = await withDb(reference, outcome);
    expect(a.ledger.length).toBe(refSummary.treatments.created);
    expect(new Set(a.ledger.map((l) => l.split('|')[0])).size).toBe(a.ledger.length);
    expect(a).toEqual(b);
  });
});
