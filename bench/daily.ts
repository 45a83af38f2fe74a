import { parseArgs } from 'node:util';
import pg from 'pg';
import { sql } from 'kysely';
import { openDb, type Db } from '../src/db/connection.ts';
import { migrate } from '../src/db/migrate.ts';
import { runDaily } from '../src/modules/daily/index.ts';
import { productionPlanner } from '../src/modules/daily/planner.ts';
import { bucketCaseSql, kolCaseSql } from '../src/modules/strategies/index.ts';
import { seedDailyPortfolio } from './support/daily-portfolio.ts';
import { withDatabase } from './support/scratch-db.ts';

/**
 * `npm run bench -- daily [--accounts 1000000] [--page-size 5000] [--planner send|none] [--url URL] [--db NAME] [--keep]`
 *
 * Loads a synthetic portfolio (generate_series) into a scratch database on the server (BENCH_DATABASE_URL or
 * postgres://postgres@127.0.0.1:5432, database `tagih_bench_daily`, dropped and recreated), then times in the same
 * run (1) a raw SQL pass — one UPDATE computing DPD, bucket and Kol for every account from its schedule — and
 * (2) the daily batch (`runDaily`: promises, recompute with history, strategy, ledger, work items). The raw pass
 * runs first on a copy of the state so both start from the same data. Goal (issue 3): ≤ 60 s for 1M, ≤ 3× raw.
 * Prints a table on stderr and one JSON line on stdout.
 */
export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      accounts: { type: 'string', default: '1000000' },
      'page-size': { type: 'string', default: '5000' },
      url: { type: 'string', default: process.env['BENCH_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
      db: { type: 'string', default: 'tagih_bench_daily' },
      keep: { type: 'boolean', default: false },
      planner: { type: 'string', default: 'send' },
    },
  });
  const n = Number(values.accounts);
  const log = (s: string) => process.stderr.write(`${s}\n`);
  const base = '2026-03-20';
  const at = new Date(`${base}T00:00:00+07:00`);
  const url = withDatabase(values.url, values.db);
  if (values.planner !== 'send' && values.planner !== 'none') throw new Error('--planner must be send (the real contact planner) or none (contacts deferred)');
  const plannerFor = (instant: Date) => (values.planner === 'send' ? productionPlanner(instant) : null);
  await admin(values.url, `drop database if exists ${values.db} with (force)`);
  await admin(values.url, `create database ${values.db}`);
  const db = await openDb({ kind: 'postgres', url, poolSize: 2 });
  try {
    await migrate(db);
    let t = performance.now();
    await seedDailyPortfolio(db.kysely, { accounts: n, baseDate: base });
    log(`loaded ${n} accounts in ${secs(t)} s`);

    // Same columns and indexes as accounts, so the raw UPDATE pays the same index maintenance as the batch.
    await sql`create table raw_accounts (like accounts including defaults including constraints including indexes)`.execute(db.kysely);
    await sql`insert into raw_accounts select * from accounts`.execute(db.kysely);
    await sql`analyze raw_accounts`.execute(db.kysely);
    t = performance.now();
    await rawPass(db, at);
    const raw = (performance.now() - t) / 1000;
    log(`raw SQL pass (one UPDATE, DPD/bucket/Kol from the schedule): ${raw.toFixed(2)} s  ${Math.round(n / raw)} accounts/s`);
    await sql`drop table raw_accounts`.execute(db.kysely);

    t = performance.now();
    const s = await runDaily(db.kysely, { at, batchZone: 'Asia/Jakarta', planner: plannerFor(at), pageSize: Number(values['page-size']) });
    const batch = (performance.now() - t) / 1000;
    log(`daily batch (planner: ${values.planner}): ${batch.toFixed(2)} s  ${Math.round(s.accounts / batch)} accounts/s  (${s.pages} pages, ${s.treatments.created} treatments, ${s.treatments.contacts_planned} contacts planned, ${s.treatments.contacts_blocked} blocked, ${s.transitions} history rows)`);

    t = performance.now();
    const again = await runDaily(db.kysely, { at, batchZone: 'Asia/Jakarta', planner: plannerFor(at), pageSize: Number(values['page-size']) });
    const rerun = (performance.now() - t) / 1000;
    log(`re-run same day: ${rerun.toFixed(2)} s, new treatments ${again.treatments.created} (must be 0)`);

    // Steady state: the next day (DPD moves for every late account, few bucket transitions).
    t = performance.now();
    const next = await runDaily(db.kysely, { at: new Date(at.getTime() + 86_400_000), batchZone: 'Asia/Jakarta', planner: plannerFor(new Date(at.getTime() + 86_400_000)), pageSize: Number(values['page-size']) });
    const day2 = (performance.now() - t) / 1000;
    log(`next day: ${day2.toFixed(2)} s  ${Math.round(next.accounts / day2)} accounts/s  (${next.delinquency_updated} accounts updated, ${next.transitions} transitions, ${next.treatments.created} treatments)`);
    log(`ratio first run / raw: ${(batch / raw).toFixed(2)}×, next day / raw: ${(day2 / raw).toFixed(2)}× (goal ≤ 3×; ≤ 60 s for 1M)`);
    process.stdout.write(
      `${JSON.stringify({
        accounts: n,
        planner: values.planner,
        raw_s: round(raw),
        batch_s: round(batch),
        batch_accounts_per_s: Math.round(s.accounts / batch),
        raw_accounts_per_s: Math.round(n / raw),
        ratio: round(batch / raw),
        treatments: s.treatments.created,
        rerun_s: round(rerun),
        rerun_new_treatments: again.treatments.created,
        next_day_s: round(day2),
        next_day_ratio: round(day2 / raw),
      })}\n`,
    );
  } finally {
    await db.close();
    if (!values.keep) await admin(values.url, `drop database if exists ${values.db} with (force)`);
  }
}

/** The floor: one UPDATE over every account computing the same DPD, bucket and Kol from the schedule. */
async function rawPass(db: Db, at: Date): Promise<void> {
  const dpd = 'x.dpd';
  await sql`
    update raw_accounts a set dpd = x.dpd, bucket = ${sql.raw(bucketCaseSql(dpd))}, kol = ${sql.raw(kolCaseSql(dpd))}, oldest_unpaid_due_date = x.oldest
      from (
        select a2.id, o.oldest, greatest(0, coalesce((${at.toISOString()}::timestamptz at time zone d.timezone)::date - o.oldest, 0)) as dpd
          from raw_accounts a2 join debtors d on d.id = a2.debtor_id
          left join lateral (
            select case when count(*) > 0 then min(s.due_date) filter (where s.principal_paid + s.interest_paid + s.fee_paid + s.penalty_paid < s.principal_due + s.interest_due + s.fee_due + s.penalty_due)
                        else a2.oldest_unpaid_due_date end as oldest
              from account_schedule s where s.account_id = a2.id
          ) o on true
      ) x
     where a.id = x.id`.execute(db.kysely);
}

async function admin(url: string, statement: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(statement);
  } finally {
    await c.end();
  }
}


const secs = (t: number) => ((performance.now() - t) / 1000).toFixed(1);
const round = (x: number) => Math.round(x * 100) / 100;
