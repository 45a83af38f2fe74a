import { parseArgs } from 'node:util';
import pg from 'pg';
import { sql } from 'kysely';
import { openDb } from '../src/db/connection.ts';
import { migrate } from '../src/db/migrate.ts';
import { SYSTEM_ACTOR } from '../src/modules/audit/index.ts';
import { claimNext, completeWorkItem } from '../src/modules/cases/index.ts';
import { loadContactRules } from '../src/modules/cases/shared/contact-window.ts';
import { rankQueue } from '../src/modules/cases/work-queue/service.ts';
import * as repo from '../src/modules/cases/work-queue/repo.ts';

/**
 * `npm run bench -- work-queue [--items 20000] [--agents 16] [--pool 8] [--url URL] [--db NAME]`
 *
 * Many agents working one team pool at once on the PostgreSQL server: each loops claim (ranked live,
 * `FOR UPDATE SKIP LOCKED`) → complete, until the pool is empty. Prints claims/s, the number of items
 * handed out twice (must be 0) and the latency of one agent's ranked list. One JSON line on stdout.
 */
export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      items: { type: 'string', default: '20000' },
      agents: { type: 'string', default: '16' },
      pool: { type: 'string', default: '8' },
      url: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
      db: { type: 'string', default: 'tagih_bench_queue' },
    },
  });
  const items = Number(values.items);
  const agents = Number(values.agents);
  const log = (s: string) => process.stderr.write(`${s}\n`);
  const admin = new pg.Client({ connectionString: values.url });
  await admin.connect();
  await admin.query(`drop database if exists ${values.db}`);
  await admin.query(`create database ${values.db}`);
  await admin.end();
  const url = new URL(values.url);
  url.pathname = `/${values.db}`;
  const db = await openDb({ kind: 'postgres', url: url.toString(), poolSize: Number(values.pool) });
  await migrate(db);
  const k = db.kysely;
  // Monday 10:00 WIB: every debtor's window is open, so the bench measures claiming, not waiting.
  const now = new Date('2026-11-30T03:00:00Z');

  let t = performance.now();
  await sql`
    with c as (insert into creditors (code, name) values ('BENCH', 'Bench') returning id),
         tm as (insert into teams (name) values ('Bench desk') returning id),
         u as (insert into users (username, display_name, password_hash, role, team_id)
               select 'bench-' || i, 'Bench ' || i, 'x', 'agent', tm.id from generate_series(1, ${agents}) i, tm returning id)
    select count(*) from u`.execute(k);
  await sql`
    insert into debtors (creditor_id, debtor_ref, full_name, timezone)
    select c.id, 'D' || i, 'Debitur ' || i, (array['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'])[1 + i % 3]
    from generate_series(1, ${items}) i, creditors c`.execute(k);
  await sql`
    insert into accounts (creditor_id, debtor_id, account_no, product, outstanding_idr, dpd, bucket)
    select d.creditor_id, d.id, 'ACC-' || d.debtor_ref, 'KTA', (100000 + random() * 50000000)::bigint, (random() * 180)::int, '1-30' from debtors d`.execute(k);
  await sql`insert into assignments (account_id, team_id) select a.id, t.id from accounts a, teams t`.execute(k);
  // Unrouted items, as the daily batch creates them: they follow the account's assignment (the team pool).
  await sql`
    insert into work_items (kind, account_id, debtor_id, queue, priority, due_at)
    select 'call', a.id, a.debtor_id, 'desk_l1', a.dpd * 10, ${new Date(now.getTime() - 3600_000)}::timestamptz from accounts a`.execute(k);
  await sql`analyze`.execute(k);
  log(`seeded ${items} accounts and work items, ${agents} agents in ${secs(t)} s`);

  const team = await k.selectFrom('teams').select('id').executeTakeFirstOrThrow();
  const users = await k.selectFrom('users').select('id').execute();
  const rules = await loadContactRules(k);

  t = performance.now();
  const listRuns = 20;
  for (let i = 0; i < listRuns; i++) {
    await rankQueue(k, repo.visibleToAgent(repo.openItemIds(k).where('wi.kind', 'in', ['call']), users[0]!.id, team.id), rules, now, 50);
  }
  const listMs = (performance.now() - t) / listRuns;
  log(`ranked list of one agent (${items} open items in the pool): ${listMs.toFixed(1)} ms`);

  const claimed: string[] = [];
  let empty = 0;
  t = performance.now();
  await Promise.all(
    users.map(async (u) => {
      for (;;) {
        const r = await k.transaction().execute((trx) => claimNext(trx, { userId: u.id, teamId: team.id, role: 'agent' }, rules, { now, actor: SYSTEM_ACTOR }));
        if (!r.item) {
          // Another agent may have taken the last candidates while we ranked; stop once the pool is really empty.
          const left = await k.selectFrom('work_items').select(sql<number>`count(*)`.as('n')).where('status', '=', 'open').executeTakeFirstOrThrow();
          if (Number(left.n) === 0) return;
          empty++;
          continue;
        }
        claimed.push(r.item.id);
        await k.transaction().execute((trx) => completeWorkItem(trx, r.item!.id, { outcome: 'no_answer', interactionId: null }, { now, actor: SYSTEM_ACTOR }));
      }
    }),
  );
  const s = (performance.now() - t) / 1000;
  const duplicates = claimed.length - new Set(claimed).size;
  const done = await k.selectFrom('work_items').select(sql<number>`count(*)`.as('n')).where('status', '=', 'done').executeTakeFirstOrThrow();
  log(`${agents} agents claimed+completed ${claimed.length} items in ${s.toFixed(1)} s: ${(claimed.length / s).toFixed(0)} claims/s, duplicates ${duplicates}, empty retries ${empty}, done ${done.n}`);
  process.stdout.write(`${JSON.stringify({ items, agents, seconds: Number(s.toFixed(2)), claims_per_s: Math.round(claimed.length / s), duplicates, done: Number(done.n), list_ms: Number(listMs.toFixed(1)) })}\n`);
  await db.close();
}

function secs(t: number): string {
  return ((performance.now() - t) / 1000).toFixed(1);
}
