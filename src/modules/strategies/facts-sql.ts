import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { DEFAULT_BUCKETS, type BucketRange } from '../../domain/buckets.ts';
import { PTP_STATES, type AccountFacts, type PtpState } from '../../domain/strategy/index.ts';

/**
 * The account facts a strategy needs, computed set-based for one keyset page of accounts: delinquency recomputed
 * from the schedule as of the debtor's own local date, plus promise, dispute, hardship and contact-history facts.
 * Shared by the daily batch (which wraps it in an UPDATE) and the simulation (which only reads), so both see
 * exactly the same numbers.
 *
 * The SQL is the fast path of the pure rules in `src/domain/dpd.ts`, `buckets.ts` and `kol.ts`: the bucket CASE
 * is generated from the bucket set itself, and `facts-sql.test.ts` checks DPD, bucket and Kol against
 * `delinquencyOf` on random schedules, on both databases.
 */
export interface FactsPage {
  /** The page's account ids and their debtors' ids (from `pageKeys`). */
  readonly ids: readonly string[];
  readonly debtorIds: readonly string[];
  /** The keyset range the ids came from: after `after` (exclusive; null from the start) up to `last` (inclusive). */
  readonly after: string | null;
  readonly last: string;
  /** The run's instant; each account's business date is its local date at this instant. */
  readonly at: Date;
  /** Overrides the per-zone local date (simulation of a given business date). */
  readonly businessDate?: string;
  readonly graceDays?: number;
  readonly buckets?: readonly BucketRange[];
}

const quote = (s: string) => `'${s.replaceAll("'", "''")}'`;

/** `case when <dpd> between … then '<code>' … end`, from a validated bucket set. */
export function bucketCaseSql(dpd: string, ranges: readonly BucketRange[] = DEFAULT_BUCKETS): string {
  const arms = ranges.map((r) => (r.maxDays === null ? `when ${dpd} >= ${r.minDays} then ${quote(r.code)}` : `when ${dpd} between ${r.minDays} and ${r.maxDays} then ${quote(r.code)}`));
  return `(case ${arms.join(' ')} end)`;
}

/** OJK Kol from DPD, the same thresholds as `kolFor` (1 at 0, 2 to 90, 3 to 120, 4 to 180, 5 beyond). */
export function kolCaseSql(dpd: string): string {
  return `(case when ${dpd} = 0 then 1 when ${dpd} <= 90 then 2 when ${dpd} <= 120 then 3 when ${dpd} <= 180 then 4 else 5 end)`;
}

const UNPAID = 's.principal_paid + s.interest_paid + s.fee_paid + s.penalty_paid < s.principal_due + s.interest_due + s.fee_due + s.penalty_due';

/**
 * The next keyset page of collectable accounts (active, or restructured under a plan): ids, debtor ids, and the id
 * range they span. Fetched first so the main statement can read every account-keyed table (open history, schedule,
 * promises, plans) by one index range scan over `(after, last]` and every debtor-keyed table by `= any(debtor ids)`,
 * which the planner sizes right; joining a CTE instead made it hash-join whole tables (accounts, open history) on
 * every page — quadratic over the portfolio.
 */
export async function pageKeys(db: Kysely<Database>, after: string | null, limit: number): Promise<{ ids: string[]; debtorIds: string[]; after: string | null; last: string }> {
  const r = await sql<{ id: string; debtor_id: string }>`
    select id, debtor_id from accounts where status in ('active', 'restructured') and ${after === null ? sql`true` : sql`id > ${after}::uuid`} order by id limit ${limit}`.execute(db);
  return { ids: r.rows.map((x) => x.id), debtorIds: [...new Set(r.rows.map((x) => x.debtor_id))], after, last: r.rows.at(-1)?.id ?? after ?? '' };
}

/**
 * `<col>` within the page's keyset range `(after, last]`: the page's accounts are exactly the collectable accounts in
 * that range, so account-keyed side tables (open history, schedule, promises, plans) are read by one index range
 * scan each instead of the whole table (the open-history join used to read and sort every open row of the portfolio
 * on each page). Only for tables joined to the page by account id: the planner cannot estimate a uuid range.
 */
export function inPageRange(p: Pick<FactsPage, 'after' | 'last'>, col: string): RawBuilder<unknown> {
  return p.after === null ? sql`${sql.ref(col)} <= ${p.last}::uuid` : sql`${sql.ref(col)} > ${p.after}::uuid and ${sql.ref(col)} <= ${p.last}::uuid`;
}

/**
 * CTEs `page`, `f` (facts with new dpd/bucket/kol, the old ones, and the open history row), `ptp`, `plan` (a plan in force, which counts as a hardship stop), `disp`, `ctc`,
 * to follow a `with`. Accounts without schedule rows keep the imported oldest unpaid due date; with a schedule,
 * it is recomputed.
 */
export function factsCtes(p: FactsPage): RawBuilder<unknown> {
  const grace = p.graceDays ?? 0;
  const localDate = p.businessDate === undefined ? sql`(${p.at.toISOString()}::timestamptz at time zone d.timezone)::date` : sql`${p.businessDate}::date`;
  // Accounts by the id array: its length is the planner's row estimate for the page, which every join below is sized
  // from. A uuid range has no usable estimate (no interpolation inside a histogram bucket: at 1M accounts a page
  // was estimated at 1 row and the UPDATE became a 5,000 × 5,000 nested loop).
  const ids = sql`${[...p.ids]}::uuid[]`;
  const debtorIds = sql`${[...p.debtorIds]}::uuid[]`;
  const inRange = (col: string) => inPageRange(p, col);
  const dpd = 'c.dpd';
  return sql`
  hist as (
    select h.id, h.account_id, h.bucket, h.kol from delinquency_history h where h.lifted_on is null and ${inRange('h.account_id')}
  ),
  page as (
    select a.id, a.debtor_id, a.account_no, a.product, a.outstanding_idr, a.score, a.hardship_until,
           a.oldest_unpaid_due_date as stored_oldest, a.dpd as old_dpd, a.bucket as old_bucket, a.kol as old_kol,
           a.delinquency_as_of as old_as_of, d.timezone, ${localDate} as local_date,
           h.id as hist_id, h.bucket as hist_bucket, h.kol as hist_kol
      from accounts a join debtors d on d.id = a.debtor_id and d.id = any(${debtorIds})
      left join hist h on h.account_id = a.id
     where a.id = any(${ids}) and a.status in ('active', 'restructured')
  ),
  sched as (
    select s.account_id, count(*) as n, min(s.due_date) filter (where ${sql.raw(UNPAID)}) as oldest
      from account_schedule s where ${inRange('s.account_id')} group by s.account_id
  ),
  c as (
    select p.*, o.oldest,
           case when o.oldest is null or p.local_date - o.oldest <= ${grace}::int then 0 else p.local_date - o.oldest end as dpd
      from page p left join sched sc on sc.account_id = p.id
      cross join lateral (select case when sc.n > 0 then sc.oldest else p.stored_oldest end as oldest) o
  ),
  f as (
    select c.*, ${sql.raw(bucketCaseSql(dpd, p.buckets))} as bucket, ${sql.raw(kolCaseSql(dpd))}::smallint as kol from c
  ),
  ptp as (
    select distinct on (account_id) account_id, status from promises_to_pay
     where ${inRange('account_id')} and status <> 'cancelled'
     order by account_id, created_at desc, id desc
  ),
  plan as (
    select distinct account_id from payment_plans where status = 'approved' and ${inRange('account_id')}
  ),
  disp as (
    select distinct debtor_id from disputes where status = 'open' and debtor_id = any(${debtorIds})
  ),
  ctc as (
    select debtor_id, count(*) filter (where occurred_at > ${p.at.toISOString()}::timestamptz - interval '7 days') as n7, max(occurred_at) as last_at
      from interactions
     where debtor_id = any(${debtorIds}) and direction = 'outbound'
       and occurred_at <= ${p.at.toISOString()}::timestamptz and occurred_at > ${p.at.toISOString()}::timestamptz - interval '90 days'
     group by debtor_id
  )`;
}

/** The select list over `f` joined to `ptp`, `disp`, `ctc` (see `FactsRow`). */
export const FACTS_SELECT = sql`
  f.id, f.debtor_id, f.account_no, f.product, f.outstanding_idr, f.score, f.timezone,
  f.local_date, f.oldest, f.dpd, f.bucket, f.kol, f.old_bucket, f.old_kol,
  ((f.hardship_until is not null and f.hardship_until >= f.local_date) or plan.account_id is not null) as hardship,
  coalesce(ptp.status, 'none') as ptp_state, (disp.debtor_id is not null) as open_dispute,
  coalesce(ctc.n7, 0)::int as contacts_7d, (f.local_date - (ctc.last_at at time zone f.timezone)::date) as days_since_contact`;

export const FACTS_FROM = sql`f left join ptp on ptp.account_id = f.id left join plan on plan.account_id = f.id left join disp on disp.debtor_id = f.debtor_id left join ctc on ctc.debtor_id = f.debtor_id`;

/** One row of facts as both drivers return it (dates as 'YYYY-MM-DD', bigint as bigint). */
export interface FactsRow {
  id: string;
  debtor_id: string;
  account_no: string;
  product: string;
  outstanding_idr: bigint;
  score: number | null;
  timezone: string;
  local_date: string;
  oldest: string | null;
  dpd: number;
  bucket: string;
  kol: number;
  old_bucket: string;
  old_kol: number;
  hardship: boolean;
  ptp_state: string;
  open_dispute: boolean;
  contacts_7d: number;
  days_since_contact: number | null;
}

/**
 * Page-statement settings for the rest of the caller's transaction, in one round trip. JIT off: a page query is
 * short, and PostgreSQL's JIT would spend seconds compiling it each time (measured: 5.8 s of a 6.5 s page).
 * Parallel workers off: a page touches a few thousand rows by index, and each worker rebuilt the same hashes
 * (the schedule aggregate three times per page) on a machine whose cores the batch already keeps busy.
 * PGlite accepts both settings and ignores them.
 */
export async function withoutJit(trx: Kysely<Database>): Promise<void> {
  await sql`select set_config('jit', 'off', true), set_config('max_parallel_workers_per_gather', '0', true)`.execute(trx);
}

/** Reads one page of facts without writing anything (simulation). */
export async function readFactsPage(db: Kysely<Database>, after: string | null, limit: number, p: Omit<FactsPage, 'ids' | 'debtorIds' | 'after' | 'last'>): Promise<FactsRow[]> {
  return db.transaction().execute(async (trx) => {
    await withoutJit(trx);
    const keys = await pageKeys(trx, after, limit);
    if (keys.ids.length === 0) return [];
    const r = await sql<FactsRow>`with ${factsCtes({ ...p, ...keys })} select ${FACTS_SELECT} from ${FACTS_FROM} order by f.id`.execute(trx);
    return r.rows;
  });
}

const isPtpState = (s: string): s is PtpState => (PTP_STATES as readonly string[]).includes(s);

/** The engine's view of a facts row. */
export function toAccountFacts(r: FactsRow): AccountFacts {
  return {
    accountId: r.id,
    debtorId: r.debtor_id,
    dpd: r.dpd,
    bucket: r.bucket,
    kol: r.kol,
    outstandingIdr: r.outstanding_idr,
    product: r.product,
    score: r.score,
    zone: r.timezone,
    contacts7d: r.contacts_7d,
    daysSinceContact: r.days_since_contact,
    ptpState: isPtpState(r.ptp_state) ? r.ptp_state : 'none',
    openDispute: r.open_dispute,
    hardshipPlan: r.hardship,
    oldestUnpaidDueDate: r.oldest,
  };
}
