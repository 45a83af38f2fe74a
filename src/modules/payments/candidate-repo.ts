import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { AccountCandidate, MatchRules } from '../../domain/matching/index.ts';
import { rupiah } from '../../domain/money.ts';
import { keyList } from '../../db/key-list.ts';

interface CandidateRow {
  id: string;
  account_no: string;
  va_number: string | null;
  status: string;
  outstanding_idr: bigint;
  installment_idr: bigint | null;
  oldest_unpaid_due_date: string | null;
  full_name: string;
}

const COLUMNS = sql`a.id, a.account_no, a.va_number, a.status, a.outstanding_idr, a.installment_idr, a.oldest_unpaid_due_date, d.full_name`;

/**
 * Accounts whose VA or account number (without punctuation) is one of `identifiers`. Debtor names are read only for
 * these short-listed accounts — the matcher never scans names across the portfolio (names are PII; at 1M accounts a
 * scan would also be slow); with names encrypted at rest this is the one place that would decrypt them.
 */
export async function accountsByIdentifier(db: Kysely<Database>, identifiers: readonly string[]): Promise<CandidateRow[]> {
  if (identifiers.length === 0) return [];
  // One index probe per identifier (see `keyList` for why not `= any(array)` nor a plain join with `unnest`: at 1M
  // accounts either scans the whole table for a batch of 5,000–10,000 lines; 0.7–2 s instead of ~0.15 s).
  const r = await sql<CandidateRow>`
    select ${COLUMNS}
      from ${keyList(identifiers, 'text')}
      cross join lateral (select * from accounts x where x.va_number = k.k offset 0) a
      join debtors d on d.id = a.debtor_id
    union all
    select ${COLUMNS}
      from ${keyList(identifiers, 'text')}
      cross join lateral (select * from accounts x where upper(regexp_replace(x.account_no, '[^A-Za-z0-9]', '', 'g')) = k.k offset 0) a
      join debtors d on d.id = a.debtor_id`.execute(db);
  const seen = new Set<string>();
  return r.rows.filter((row) => !seen.has(row.id) && seen.add(row.id) !== undefined);
}

/**
 * Active accounts that expect `amount` around `date`: the instalment due near it, or a pending promise near it —
 * with those promises (the only ones of these accounts a line's amount can match, so the caller need not read every
 * candidate's promises).
 * The instalment windows of one amount are merged into disjoint date ranges first, so each account is read once
 * (an account has one instalment) and no large `union` has to deduplicate; the matcher re-checks each line's window.
 */
export async function accountsByExpectedAmount(
  db: Kysely<Database>,
  wants: readonly { amount: bigint; date: string }[],
  rules: MatchRules,
): Promise<{ accounts: CandidateRow[]; promises: Map<string, { amount: bigint; promisedDate: string }[]> }> {
  const promises = new Map<string, { amount: bigint; promisedDate: string }[]>();
  if (wants.length === 0) return { accounts: [], promises };
  const ranges = dueRanges(wants, rules);
  const pairs = [...new Map(wants.map((w) => [`${w.amount}|${w.date}`, w] as const)).values()];
  const r = await sql<CandidateRow & { promise_amount: bigint | null; promise_date: string | null; promise_id: string | null }>`
    select ${COLUMNS}, null::bigint as promise_amount, null::text as promise_date, null::uuid as promise_id
      from (
        select x.*
          from unnest(${ranges.map((x) => x.amount)}::bigint[], ${ranges.map((x) => x.lo)}::date[], ${ranges.map((x) => x.hi)}::date[]) as q(amount, lo, hi)
          -- One index range per amount (the planner would otherwise hash the whole table); only covered columns, so
          -- both lookups are index-only (migration 0220).
          cross join lateral (
            select x.id, x.account_no, x.va_number, 'active'::text as status, x.outstanding_idr, x.installment_idr, x.oldest_unpaid_due_date, x.debtor_id
              from accounts x
             where x.installment_idr = q.amount and x.status = 'active' and x.oldest_unpaid_due_date between q.lo and q.hi
            offset 0) x
        -- Names are looked up in debtor id order: the tens of thousands of candidates of a batch then probe the debtors
        -- index page after page instead of at random (~0.2 s instead of 0.3–1 s per 5,000-line batch at 1M accounts).
         order by x.debtor_id
        offset 0) a
      join debtors d on d.id = a.debtor_id
    union all
    select ${COLUMNS}, p.amount_idr, p.promised_date::text, p.id
      from unnest(${pairs.map((w) => w.amount.toString())}::bigint[], ${pairs.map((w) => w.date)}::date[]) as q(amount, d)
      join promises_to_pay p on p.amount_idr = q.amount and p.status = 'pending'
       and p.promised_date between q.d - ${rules.promiseWindowAfter}::int and q.d + ${rules.promiseWindowBefore}::int
      join accounts a on a.id = p.account_id and a.status = 'active'
      join debtors d on d.id = a.debtor_id`.execute(db);
  const seen = new Set<string>();
  const seenPromise = new Set<string>();
  const accounts: CandidateRow[] = [];
  for (const row of r.rows) {
    if (row.promise_id !== null && !seenPromise.has(row.promise_id)) {
      seenPromise.add(row.promise_id);
      const list = promises.get(row.id) ?? [];
      list.push({ amount: row.promise_amount!, promisedDate: row.promise_date! });
      promises.set(row.id, list);
    }
    if (seen.has(row.id)) continue;
    seen.add(row.id);
    const { promise_amount: _a, promise_date: _d, promise_id: _i, ...account } = row;
    accounts.push(account);
  }
  return { accounts, promises };
}

const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Per amount, the due dates an instalment of that amount is expected on for some line, as disjoint ranges. */
function dueRanges(wants: readonly { amount: bigint; date: string }[], rules: MatchRules): { amount: string; lo: string; hi: string }[] {
  const byAmount = new Map<string, number[]>();
  for (const w of wants) {
    const list = byAmount.get(w.amount.toString()) ?? [];
    list.push(Date.parse(`${w.date}T00:00:00Z`));
    byAmount.set(w.amount.toString(), list);
  }
  const out: { amount: string; lo: string; hi: string }[] = [];
  for (const [amount, days] of byAmount) {
    days.sort((a, b) => a - b);
    let lo = days[0]! - rules.dueWindowAfter * DAY;
    let hi = days[0]! + rules.dueWindowBefore * DAY;
    for (const d of days.slice(1)) {
      const dlo = d - rules.dueWindowAfter * DAY;
      if (dlo > hi + DAY) {
        out.push({ amount, lo: isoDay(lo), hi: isoDay(hi) });
        lo = dlo;
      }
      hi = Math.max(hi, d + rules.dueWindowBefore * DAY);
    }
    out.push({ amount, lo: isoDay(lo), hi: isoDay(hi) });
  }
  return out;
}

/** Pending promises of the given accounts, by account. */
export async function pendingPromisesOf(db: Kysely<Database>, accountIds: readonly string[]): Promise<Map<string, { amount: bigint; promisedDate: string }[]>> {
  const out = new Map<string, { amount: bigint; promisedDate: string }[]>();
  if (accountIds.length === 0) return out;
  const rows = await db
    .selectFrom(keyList(accountIds, 'uuid'))
    .innerJoinLateral(
      (eb) => eb.selectFrom('promises_to_pay').select(['account_id', 'amount_idr', 'promised_date']).whereRef('promises_to_pay.account_id', '=', 'k.k').where('status', '=', 'pending').offset(0).as('p'),
      (j) => j.onTrue(),
    )
    .selectAll('p')
    .execute();
  for (const r of rows) {
    const list = out.get(r.account_id) ?? [];
    list.push({ amount: r.amount_idr, promisedDate: r.promised_date });
    out.set(r.account_id, list);
  }
  return out;
}

export function toCandidate(row: CandidateRow, promises: readonly { amount: bigint; promisedDate: string }[]): AccountCandidate {
  return {
    accountId: row.id,
    accountNo: row.account_no,
    vaNumber: row.va_number,
    status: row.status,
    outstanding: rupiah(row.outstanding_idr),
    installment: row.installment_idr === null ? null : rupiah(row.installment_idr),
    expectedDueDate: row.oldest_unpaid_due_date,
    pendingPromises: promises.map((p) => ({ amount: rupiah(p.amount), promisedDate: p.promisedDate })),
    debtorName: row.full_name,
  };
}
