import { parseArgs } from 'node:util';
import type { AppDeps } from '../src/app-deps.ts';
import { exportOwnData, requestOtp, verifyOtp, type OtpSender } from '../src/modules/portal/index.ts';
import { seededDemoDeps } from './support/demo-deps.ts';
import { percentiles } from './support/percentiles.ts';

/**
 * `npm run bench -- portal [--logins 300] [--concurrency 8] [--accounts 1000] [--pglite] [--url URL] [--db NAME]`
 *
 * Debtor portal sign-ins on a seeded demo portfolio: each one asks for a code (rate-limit check under the
 * per-account advisory lock, birth-date check, challenge row, audit), verifies it (row lock, keyed hash, session,
 * audit), then runs the UU PDP access export (every table of the debtor, decrypted, request row + audit).
 * Each debtor signs in from its own address (the per-address limit would otherwise stop the run).
 * Prints logins/s and p50/p95/p99 of login and export on stderr and one JSON line on stdout.
 */
export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      logins: { type: 'string', default: '300' },
      concurrency: { type: 'string', default: '8' },
      accounts: { type: 'string', default: '1000' },
      pglite: { type: 'boolean', default: false },
      url: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
      db: { type: 'string', default: 'tagih_bench_portal' },
    },
  });
  const concurrency = Number(values.concurrency);
  const log = (s: string) => process.stderr.write(`${s}\n`);
  const deps = await seededDemoDeps({ pglite: values.pglite, url: values.url, db: values.db, concurrency, accounts: Number(values.accounts), seed: 11 }, log);
  const db = deps.db;
  const { cipher } = deps;
  let t: number;

  const people = await loginable(deps, Number(values.logins));
  if (people.length === 0) throw new Error('no debtor with a birth date and an own phone in the demo portfolio');
  const codes = new Map<string, string>();
  const sender: OtpSender = {
    async send(m) {
      codes.set(m.debtorId, m.code);
    },
  };
  const loginMs: number[] = [];
  const exportMs: number[] = [];
  let next = 0;
  t = performance.now();
  const cpu0 = process.cpuUsage();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < people.length) {
        const i = next++;
        const p = people[i]!;
        let s = performance.now();
        const c = await requestOtp(deps, sender, { accountNo: p.accountNo, birthDate: p.birthDate, ip: `10.0.${i >> 8}.${i & 255}` });
        await verifyOtp(deps, c.challengeId, codes.get(p.debtorId)!);
        loginMs.push(performance.now() - s);
        s = performance.now();
        await exportOwnData(deps, { sessionId: 'bench', debtorId: p.debtorId, timezone: p.timezone, fullName: 'bench', language: 'id' });
        exportMs.push(performance.now() - s);
      }
    }),
  );
  const seconds = (performance.now() - t) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const summary = {
    bench: 'portal',
    database: values.pglite ? 'pglite' : 'postgres',
    logins: people.length,
    concurrency,
    seconds: round(seconds),
    logins_per_second: round(people.length / seconds),
    login_ms: percentiles(loginMs),
    export_ms: percentiles(exportMs),
    client_cpu_seconds: round((cpu.user + cpu.system) / 1e6),
  };
  log(`${people.length} logins + exports in ${summary.seconds} s = ${summary.logins_per_second}/s; login p50 ${summary.login_ms.p50} ms, p99 ${summary.login_ms.p99} ms; export p50 ${summary.export_ms.p50} ms, p99 ${summary.export_ms.p99} ms`);
  process.stdout.write(`${JSON.stringify(summary)}\n`);
  await db.close();
}

/** One account per debtor whose birth date and own phone are on file (what a real login needs). */
async function loginable(deps: AppDeps, limit: number): Promise<{ debtorId: string; accountNo: string; birthDate: string; timezone: string }[]> {
  const rows = await deps.db.kysely
    .selectFrom('debtors as d')
    .innerJoin('accounts as a', 'a.debtor_id', 'd.id')
    .select(['d.id', 'd.birth_date_enc', 'd.timezone', 'a.account_no'])
    .where('d.birth_date_enc', 'is not', null)
    .where((eb) => eb.exists(eb.selectFrom('debtor_contacts as c').select('c.id').whereRef('c.debtor_id', '=', 'd.id').where('c.type', '=', 'phone').where('c.is_emergency', '=', false)))
    .orderBy('a.account_no')
    .limit(limit * 3)
    .execute();
  const seen = new Set<string>();
  const out: { debtorId: string; accountNo: string; birthDate: string; timezone: string }[] = [];
  for (const r of rows) {
    if (seen.has(r.id) || out.length >= limit) continue;
    seen.add(r.id);
    out.push({ debtorId: r.id, accountNo: r.account_no, birthDate: deps.cipher.decrypt(r.birth_date_enc!), timezone: r.timezone });
  }
  return out;
}


const round = (x: number) => Math.round(x * 100) / 100;


