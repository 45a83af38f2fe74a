import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openDb } from '../src/db/connection.ts';
import { migrate } from '../src/db/migrate.ts';
import { createPiiCipher } from '../src/lib/pii-cipher.ts';
import type { AdapterRegistry } from '../src/modules/outbox/channels/adapter.ts';
import { httpSmsAdapter } from '../src/modules/outbox/channels/http-sms.ts';
import { sandboxAdapter } from '../src/modules/outbox/channels/sandbox.ts';
import { workQueueAdapter } from '../src/modules/outbox/channels/work-queue.ts';
import { addSummary, createDispatcher, emptySummary } from '../src/modules/outbox/dispatcher.ts';
import { startLoopbackSms } from '../src/modules/outbox/test-support/loopback-sms.ts';
import { seedDispatchLoad, zoneOpenAt } from '../src/modules/outbox/test-support/seed-load.ts';
import { recreateDatabase, withDatabase } from './support/scratch-db.ts';

/**
 * `npm run bench -- dispatch [--messages 20000] [--workers 4] [--batch 200] [--url URL] [--db NAME]`
 *
 * N due SMS on the PostgreSQL server (a scratch database, recreated), K dispatcher workers (in this
 * process, each with its own claims, sharing one pool), and a loopback HTTP SMS gateway that counts
 * requests and deliveries per idempotency key. Every message is claimed with SKIP LOCKED, re-checked
 * against the contact policy (context loaded per batch), rendered, linted, sent over HTTP and
 * recorded with its decision and event. Goal (issue 3): ≥ 2,000 policy-checked messages/s, 0 duplicates.
 * Prints a table on stderr and one JSON line on stdout.
 */
export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      messages: { type: 'string', default: '20000' },
      workers: { type: 'string', default: '4' },
      batch: { type: 'string', default: '200' },
      url: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
      db: { type: 'string', default: 'tagih_bench_dispatch' },
    },
  });
  const messages = Number(values.messages);
  const workers = Number(values.workers);
  const batchSize = Number(values.batch);
  const log = (s: string) => process.stderr.write(`${s}\n`);

  await recreateDatabase(values.url, values.db);
  const db = await openDb({ kind: 'postgres', url: withDatabase(values.url, values.db), poolSize: workers * 2 + 2 });
  const gateway = await startLoopbackSms();
  try {
    await migrate(db);
    const cipher = createPiiCipher({ activeKeyId: 'k1', keys: new Map([['k1', randomBytes(32)]]), indexKey: randomBytes(32) });
    const now = new Date();
    const zone = zoneOpenAt(now, 1);
    let t = performance.now();
    const keys = await seedDispatchLoad(db.kysely, cipher, { messages, zone, notBefore: new Date(now.getTime() - 60_000) });
    await db.execScript('analyze');
    log(`seeded ${messages} due SMS for ${messages} debtors in ${zone} in ${secs(t)} s`);

    const sandbox = sandboxAdapter(db.kysely);
    const tasks = workQueueAdapter(db.kysely, () => new Date());
    const adapters: AdapterRegistry = { sms: httpSmsAdapter({ url: gateway.url, token: 'bench', sender: 'TAGIH' }), whatsapp: sandbox, email: sandbox, voice: tasks, field: tasks };
    t = performance.now();
    const cpu0 = process.cpuUsage();
    const summaries = await Promise.all(
      Array.from({ length: workers }, (_, i) =>
        createDispatcher({ db: db.kysely, cipher, adapters }, { workerId: `bench:${i + 1}`, batchSize, leaseMs: 300_000, backoff: { baseMs: 1000, maxMs: 1000 }, now: () => new Date() }).run({
          untilIdle: true,
          pollMs: 20,
        }),
      ),
    );
    const seconds = (performance.now() - t) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const total = emptySummary();
    for (const s of summaries) addSummary(total, s);

    const duplicateRequests = [...gateway.requests.values()].filter((n) => n > 1).length;
    const duplicateDeliveries = [...gateway.deliveries.values()].filter((n) => n > 1).length;
    const missing = keys.filter((k) => gateway.deliveries.get(k) !== 1).length;
    const decisions = await db.kysely.selectFrom('contact_decisions').select((eb) => eb.fn.countAll<string>().as('n')).where('stage', '=', 'dispatch').executeTakeFirstOrThrow();
    const result = {
      bench: 'dispatch',
      messages,
      workers,
      batch: batchSize,
      seconds: Number(seconds.toFixed(2)),
      messages_per_second: Math.round(total.sent / seconds),
      sent: total.sent,
      policy_decisions: Number(decisions.n),
      duplicate_deliveries: duplicateDeliveries,
      duplicate_requests: duplicateRequests,
      not_delivered: missing,
      client_cpu_seconds: Number(((cpu.user + cpu.system) / 1e6).toFixed(2)),
      goal: { messages_per_second: 2000, duplicates: 0 },
    };
    log(`dispatched ${total.sent}/${messages} in ${result.seconds} s = ${result.messages_per_second} msg/s with ${workers} workers (batch ${batchSize})`);
    log(`policy decisions recorded: ${result.policy_decisions}; duplicate deliveries: ${duplicateDeliveries}; repeated requests: ${duplicateRequests}; not delivered: ${missing}`);
    log(`client CPU (dispatchers + loopback gateway, one process): ${result.client_cpu_seconds} s`);
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await gateway.close();
    await db.close();
  }
}



const secs = (t0: number) => ((performance.now() - t0) / 1000).toFixed(1);
