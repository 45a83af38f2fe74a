import { randomBytes } from 'node:crypto';
import { createReadStream, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { AppDeps } from '../src/app-deps.ts';
import { loadConfig } from '../src/config.ts';
import { openDb } from '../src/db/connection.ts';
import { migrate } from '../src/db/migrate.ts';
import { createPiiCipher } from '../src/lib/pii-cipher.ts';
import { importAccounts, type ImportResult } from '../src/modules/imports/service.ts';
import { ACCOUNT_CSV_COLUMNS, writeAccountsCsv } from './support/accounts-csv.ts';
import { mb, sampleRss, type RssSampler } from './support/rss.ts';
import { recreateDatabase, withDatabase } from './support/scratch-db.ts';

/**
 * `npm run bench -- import [--rows 1000000] [--pglite-rows 100000] [--skip-pglite] [--url URL] [--db NAME]`
 *
 * Measures the accounts import against the floor the server can do: a raw COPY of the same file
 * into an untyped table. Goal (issue): import ≤ 3× COPY time, peak RSS < 500 MB.
 * Prints a readable table on stderr and one JSON summary line on stdout.
 */
export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      rows: { type: 'string', default: '1000000' },
      'pglite-rows': { type: 'string', default: '100000' },
      'skip-pglite': { type: 'boolean', default: false },
      url: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
      db: { type: 'string', default: 'tagih_bench' },
    },
  });
  const rows = Number(values.rows);
  const pgliteRows = Number(values['pglite-rows']);
  const outDir = new URL('./out/', import.meta.url).pathname;
  mkdirSync(outDir, { recursive: true });
  const rss = sampleRss(100);
  const log = (s: string) => process.stderr.write(`${s}\n`);

  const file = join(outDir, `accounts-${rows}.csv`);
  let t = performance.now();
  await writeAccountsCsv(file, rows);
  log(`generated ${file} (${mb(statSync(file).size)} MB) in ${secs(t)} s`);

  const serverUrl = withDatabase(values.url, values.db);
  await recreateDatabase(values.url, values.db);

  rss.reset();
  cpuMark = process.cpuUsage();
  t = performance.now();
  await copyBaseline(serverUrl, file);
  const copy = phase('postgres COPY (raw baseline)', rows, t, rss);
  log(line(copy));

  const db = await openDb({ kind: 'postgres', url: serverUrl, poolSize: 2 });
  await migrate(db);
  const deps = benchDeps(db);
  rss.reset();
  cpuMark = process.cpuUsage();
  t = performance.now();
  const first = await importFile(deps, file);
  const imp = { ...phase('postgres importAccounts', rows, t, rss), inserted: first.inserted, updated: first.updated };
  log(line(imp));

  rss.reset();
  cpuMark = process.cpuUsage();
  t = performance.now();
  const second = await importFile(deps, file);
  const reimp = { ...phase('postgres re-import (idempotent)', rows, t, rss), inserted: second.inserted, updated: second.updated };
  log(line(reimp));
  await db.close();
  if (second.inserted !== 0 || second.updated !== 0) log(`!! re-import was not idempotent: inserted ${second.inserted}, updated ${second.updated}`);

  let lite: ReturnType<typeof phase> & { inserted: number } | null = null;
  if (!values['skip-pglite']) {
    const liteFile = join(outDir, `accounts-${pgliteRows}.csv`);
    await writeAccountsCsv(liteFile, pgliteRows);
    const dataDir = mkdtempSync(join(tmpdir(), 'tagih-bench-pglite-'));
    try {
      const liteDb = await openDb({ kind: 'pglite', dataDir });
      await migrate(liteDb);
      rss.reset();
      cpuMark = process.cpuUsage();
      t = performance.now();
      const r = await importFile(benchDeps(liteDb), liteFile);
      lite = { ...phase('pglite importAccounts', pgliteRows, t, rss), inserted: r.inserted };
      log(line(lite));
      await liteDb.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  rss.stop();

  const ratio = imp.seconds / copy.seconds;
  const maxRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  const goalMet = ratio <= 3 && imp.peakRssMb < 500;
  log(`\nimport/COPY time ratio: ${ratio.toFixed(2)} (goal ≤ 3)   peak RSS during import: ${imp.peakRssMb} MB (goal < 500)   process maxRSS: ${maxRssMb} MB`);
  log(goalMet ? 'goal met' : 'goal NOT met');
  process.stdout.write(
    `${JSON.stringify({ rows, copy, import: imp, reimport: reimp, pglite: lite, ratio: Number(ratio.toFixed(2)), maxRssMb, goalMet })}\n`,
  );
}

/** Like test/support/app.ts: a fresh random keyring, silent logs, the wall clock. */
function benchDeps(db: AppDeps['db']): AppDeps {
  const config = loadConfig({ LOG_LEVEL: 'silent', TAGIH_DATA_DIR: '/nonexistent' });
  const cipher = createPiiCipher({ activeKeyId: 'k1', keys: new Map([['k1', randomBytes(32)]]), indexKey: randomBytes(32) });
  return { config, db, cipher, now: () => new Date() };
}

function importFile(deps: AppDeps, file: string): Promise<ImportResult> {
  return importAccounts(deps, createReadStream(file), { allowPartial: false, fileName: file, actor: { id: null, label: 'bench' } }).then((r) => {
    if (!r.committed) throw new Error(`bench file was rejected: ${JSON.stringify(r.errors.slice(0, 3))}`);
    return r;
  });
}

/** The floor: the server parsing the same CSV into text columns, no validation, no indexes. */
async function copyBaseline(url: string, file: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const cols = ACCOUNT_CSV_COLUMNS.join(', ');
    await client.query(`create table copy_baseline (${ACCOUNT_CSV_COLUMNS.map((c) => `${c} text`).join(', ')})`);
    await pipeline(createReadStream(file), client.query(copyFrom(`copy copy_baseline (${cols}) from stdin with (format csv, header true)`)));
    const n = await client.query<{ n: number }>('select count(*)::int as n from copy_baseline');
    if (n.rows[0]!.n === 0) throw new Error('COPY loaded no rows');
  } finally {
    await client.end();
  }
}



const secs = (t0: number) => ((performance.now() - t0) / 1000).toFixed(1);

/** Client CPU seconds are reported beside wall time: on a shared machine they are the steadier figure. */
let cpuMark = process.cpuUsage();
function phase(name: string, rows: number, t0: number, rss: RssSampler) {
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpuMark);
  cpuMark = process.cpuUsage();
  const clientCpuSec = Number(((cpu.user + cpu.system) / 1e6).toFixed(2));
  return { name, rows, seconds: Number(seconds.toFixed(2)), rowsPerSec: Math.round(rows / seconds), clientCpuSec, peakRssMb: mb(rss.peak()) };
}

function line(p: { name: string; rows: number; seconds: number; rowsPerSec: number; clientCpuSec: number; peakRssMb: number; inserted?: number; updated?: number }): string {
  const counts = p.inserted === undefined ? '' : `  inserted ${p.inserted}, updated ${p.updated ?? 0}`;
  return `${p.name.padEnd(34)} ${String(p.rows).padStart(9)} rows ${p.seconds.toFixed(2).padStart(8)} s ${String(p.rowsPerSec).padStart(8)} rows/s  client CPU ${p.clientCpuSec.toFixed(1).padStart(6)} s  peak RSS ${String(p.peakRssMb).padStart(5)} MB${counts}`;
}
