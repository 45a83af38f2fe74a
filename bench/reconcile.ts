import { parseArgs } from 'node:util';
import pg from 'pg';
import { sql } from 'kysely';
import { openDb } from '../src/db/connection.ts';
import { migrate } from '../src/db/migrate.ts';
import { reconcileStatement } from '../src/modules/payments/reconcile.ts';
import { bookPaymentFlow, bookPaymentsFlow } from '../src/flows/payment-booking.ts';
import { indistinguishableLines, portfolioSql, statementCsv, LINE_KINDS } from './support/reconcile-data.ts';
import { DEFAULT_MATCH_RULES } from '../src/domain/matching/index.ts';
import { recreateDatabase } from './support/scratch-db.ts';

/**
 * `npm run bench -- reconcile [--accounts 1000000] [--lines 100000] [--seed 7] [--reuse] [--dry-run] [--batch 5000] [--url URL] [--db NAME]`
 *
 * Generates a portfolio on the PostgreSQL server with generate_series (scratch database, recreated unless --reuse
 * finds it already filled) and a noisy statement with known truth (see LINE_KINDS), runs the real reconciliation
 * (`reconcileStatement`: parse, store lines, match, book), and prints lines/s, elapsed time and the precision and
 * recall of automatic matches. `--dry-run` matches and stores the lines but books nothing and rolls back (matching
 * throughput alone); `--reuse` keeps an already generated portfolio (bookings of earlier runs are undone). Goal (issue 4): ≤ 20 s for 100k lines against 1M accounts, precision 100 %, recall ≥ 95 %.
 * Readable lines on stderr, one JSON summary on stdout.
 */
export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      accounts: { type: 'string', default: '1000000' },
      lines: { type: 'string', default: '100000' },
      seed: { type: 'string', default: '7' },
      reuse: { type: 'boolean', default: false },
      url: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
      db: { type: 'string', default: 'tagih_bench_reconcile' },
      batch: { type: 'string', default: '5000' },
      'dry-run': { type: 'boolean', default: false },
    },
  });
  const n = Number(values.accounts);
  const lines = Number(values.lines);
  const log = (s: string) => process.stderr.write(`${s}\n`);
  const url = new URL(values.url);
  url.pathname = `/${values.db}`;

  let t = performance.now();
  const reuse = values.reuse && (await portfolioSize(url.toString())) === n;
  if (!reuse) {
    await recreateDatabase(values.url, values.db);
    const db = await openDb({ kind: 'postgres', url: url.toString(), poolSize: 1 });
    await migrate(db);
    for (const stmt of portfolioSql(n)) await sql.raw(stmt).execute(db.kysely);
    await db.close();
    log(`generated ${n} accounts in ${secs(t)} s`);
  } else {
    log(`reusing ${n} accounts in ${values.db}; clearing earlier statement imports`);
    const db = await openDb({ kind: 'postgres', url: url.toString(), poolSize: 1 });
    // Undo the previous run's bookings so every run starts from the same portfolio.
    await sql`
      update accounts set outstanding_idr = installment_idr * (2 + substr(account_no, 2)::bigint % 10), credit_balance_idr = 0,
             oldest_unpaid_due_date = date '2026-11-01' + ((substr(account_no, 2)::bigint * 31) % 28)::int,
             dpd = 0, bucket = 'current', kol = 1, delinquency_as_of = '2026-11-01', status = 'active'
       where id in (select account_id from payments)`.execute(db.kysely);
    await sql`truncate statement_lines, statement_imports, payment_allocations, payments, delinquency_history, audit_log cascade`.execute(db.kysely);
    // The undo rewrote the booked accounts: vacuum so every run starts with the visibility map a fresh portfolio has.
    await sql`vacuum analyze accounts`.execute(db.kysely);
    await db.close();
  }

  t = performance.now();
  const { csv, truth } = statementCsv(n, lines, Number(values.seed));
  log(`generated a ${lines}-line statement (${(csv.length / 1e6).toFixed(1)} MB) in ${secs(t)} s`);

  const db = await openDb({ kind: 'postgres', url: url.toString(), poolSize: 2 });
  t = performance.now();
  const result = await reconcileStatement(db.kysely, {
    text: csv,
    fileName: 'bench.csv',
    actor: { id: null, label: 'bench' },
    book: bookPaymentFlow,
    bookMany: bookPaymentsFlow,
    receivedAt: new Date('2026-11-23T03:00:00Z'),
    batchSize: Number(values.batch),
    dryRun: values['dry-run'],
  });
  const elapsed = (performance.now() - t) / 1000;
  if (!result.ok) throw result.error;

  const credits = truth.filter((x) => x.credit);
  const hidden = indistinguishableLines(n, csv, truth, Math.max(DEFAULT_MATCH_RULES.dueWindowBefore, DEFAULT_MATCH_RULES.dueWindowAfter));
  const creditIndex = truth.flatMap((x, k) => (x.credit ? [k] : []));
  let auto = 0;
  let right = 0;
  let payers = 0;
  let identifiable = 0;
  let rightIdentifiable = 0;
  const wrong: string[] = [];
  const byKind = new Map<string, { lines: number; auto: number; wrong: number; suggested: number }>();
  for (const [k, c] of result.credits.entries()) {
    const tr = credits[k]!;
    const s = byKind.get(tr.kind) ?? { lines: 0, auto: 0, wrong: 0, suggested: 0 };
    s.lines += 1;
    const known = !hidden.has(creditIndex[k]!);
    if (tr.accountNo !== null) {
      payers += 1;
      if (known) identifiable += 1;
    }
    if (c.status === 'matched' && known && c.account_no === tr.accountNo) rightIdentifiable += 1;
    if (c.status === 'suggested') s.suggested += 1;
    if (c.status === 'matched') {
      auto += 1;
      s.auto += 1;
      if (c.account_no === tr.accountNo) right += 1;
      else {
        s.wrong += 1;
        if (wrong.length < 5) wrong.push(`${tr.kind}: line ${k + 2} booked to ${c.account_no} by ${c.rule}, payer ${tr.accountNo ?? 'none'}`);
      }
    }
    byKind.set(tr.kind, s);
  }
  const payments = await sql<{ n: string }>`select count(*)::text as n from payments`.execute(db.kysely);
  await db.close();

  const precision = auto === 0 ? 1 : right / auto;
  const recall = payers === 0 ? 1 : right / payers;
  const recallIdentifiable = identifiable === 0 ? 1 : rightIdentifiable / identifiable;
  log(`${values['dry-run'] ? '[dry run, nothing booked] ' : ''}reconciled ${lines} lines in ${elapsed.toFixed(1)} s (${Math.round(lines / elapsed)} lines/s); booked ${payments.rows[0]!.n} payments`);
  log(`summary ${JSON.stringify(result.summary)}`);
  for (const [kind] of LINE_KINDS) {
    const s = byKind.get(kind);
    if (s) log(`  ${kind.padEnd(26)} ${String(s.lines).padStart(6)} lines  auto ${String(s.auto).padStart(6)}  wrong ${s.wrong}  suggested ${s.suggested}`);
  }
  for (const w of wrong) log(`  wrong: ${w}`);
  log(`precision ${(precision * 100).toFixed(3)} %   recall ${(recall * 100).toFixed(2)} %   (auto ${auto}, right ${right}, lines with a payer ${payers})`);
  log(
    `recall over identifiable lines ${(recallIdentifiable * 100).toFixed(2)} %   (${payers - identifiable} payer lines cannot be told from the line: amount only, or a namesake expecting the same amount in the window)`,
  );
  process.stdout.write(
    `${JSON.stringify({ accounts: n, lines, dry_run: values['dry-run'], elapsed_s: Number(elapsed.toFixed(2)), lines_per_s: Math.round(lines / elapsed), precision, recall, recall_identifiable: recallIdentifiable, ...result.summary })}\n`,
  );
}

async function portfolioSize(url: string): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  try {
    await c.connect();
    const r = await c.query<{ n: string }>('select count(*)::text as n from accounts');
    return Number(r.rows[0]!.n);
  } catch {
    return -1;
  } finally {
    await c.end().catch(() => {});
  }
}


const secs = (t0: number) => ((performance.now() - t0) / 1000).toFixed(1);
