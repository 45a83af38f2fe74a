import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { openDb } from '../src/db/connection.ts';
import { migrate } from '../src/db/migrate.ts';
import { createPiiCipher } from '../src/lib/pii-cipher.ts';
import { createStormAccounts, prepareStorm, STORM_ENV } from '../test/support/webhook-storm.ts';
import { recreateDatabase, withDatabase } from './support/scratch-db.ts';

/**
 * `npm run bench -- webhooks [--notifications 10000] [--accounts 200] [--concurrency 8] [--url URL] [--db NAME]`
 *
 * Replays a shuffled storm of gateway notifications (retries, duplicates, late statuses, forgeries, unknown
 * orders) through the real HTTP routes against the PostgreSQL server, then checks every paid order was booked
 * exactly once. Prints notifications/s and latency percentiles on stderr and one JSON line on stdout.
 */
export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      notifications: { type: 'string', default: '10000' },
      accounts: { type: 'string', default: '200' },
      concurrency: { type: 'string', default: '8' },
      url: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
      db: { type: 'string', default: 'tagih_bench_webhooks' },
    },
  });
  const total = Number(values.notifications);
  const concurrency = Number(values.concurrency);
  const log = (s: string) => process.stderr.write(`${s}\n`);
  await recreateDatabase(values.url, values.db);

  const db = await openDb({ kind: 'postgres', url: withDatabase(values.url, values.db), poolSize: concurrency + 2 });
  await migrate(db);
  const config = loadConfig({ LOG_LEVEL: 'silent', TAGIH_DATA_DIR: '/nonexistent', ...STORM_ENV });
  const cipher = createPiiCipher({ activeKeyId: 'k1', keys: new Map([['k1', randomBytes(32)]]), indexKey: randomBytes(32) });
  const app = await buildApp({ config, db, cipher, now: () => new Date() });
  await app.ready();
  try {
    const accounts = await createStormAccounts(db.kysely, Number(values.accounts));
    const { orders, deliveries } = await prepareStorm(db.kysely, accounts, total);
    log(`${deliveries.length} notifications over ${orders.length} orders and ${accounts.length} accounts, concurrency ${concurrency}`);

    const latencies: number[] = [];
    let next = 0;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < deliveries.length) {
          const d = deliveries[next++]!;
          const t = performance.now();
          const res = await app.inject({ method: 'POST', url: `/api/v1/webhooks/${d.gateway}`, payload: d.body as object, headers: d.headers });
          latencies.push(performance.now() - t);
          if (res.statusCode >= 500) throw new Error(`webhook answered ${res.statusCode}: ${res.body}`);
        }
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    latencies.sort((a, b) => a - b);
    const pct = (p: number) => Number(latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))]!.toFixed(1));
    const booked = await db.kysely.selectFrom('payments').select((eb) => eb.fn.countAll<string>().as('n')).where('source', '=', 'gateway').executeTakeFirstOrThrow();
    const expected = orders.filter((o) => o.paid).length;
    const summary = {
      bench: 'webhooks',
      notifications: deliveries.length,
      orders: orders.length,
      seconds: Number(seconds.toFixed(2)),
      per_second: Math.round(deliveries.length / seconds),
      p50_ms: pct(0.5),
      p95_ms: pct(0.95),
      p99_ms: pct(0.99),
      client_cpu_seconds: Number(((cpu.user + cpu.system) / 1e6).toFixed(2)),
      booked: Number(booked.n),
      expected_booked: expected,
      exactly_once: Number(booked.n) === expected,
    };
    log(`${summary.per_second} notifications/s, p50 ${summary.p50_ms} ms, p95 ${summary.p95_ms} ms; booked ${summary.booked} of ${expected} paid orders (exactly once: ${summary.exactly_once})`);
    process.stdout.write(`${JSON.stringify(summary)}\n`);
    if (!summary.exactly_once) process.exitCode = 1;
  } finally {
    await app.close();
    await db.close();
  }
}
