import { sql, type Kysely } from 'kysely';
import { withoutJit } from '../strategies/index.ts';
import type { Database } from '../../db/schema.ts';
import { rupiah } from '../../domain/money.ts';
import { DEFAULT_PROMISE_RULES, evaluatePromise, type PromiseRules } from '../../domain/promise-evaluation.ts';

export interface PromisePage {
  /** Last promise id of the page (keyset position), null when there was nothing left. */
  readonly last: string | null;
  readonly evaluated: number;
  readonly kept: number;
  readonly partiallyKept: number;
  readonly broken: number;
}

interface Row {
  id: string;
  amount_idr: bigint;
  promised_date: string;
  local_date: string;
  paid: bigint;
}

/**
 * One keyset page of pending promises whose promised date plus grace has passed in the debtor's zone: what was paid
 * from the day the promise was made up to the business date decides it, by `evaluatePromise` (the same rule the
 * payment flow uses). Writes status, paid amount and evaluation time in the caller's transaction.
 */
export async function evaluatePromisesPage(trx: Kysely<Database>, after: string | null, limit: number, at: Date, rules: PromiseRules = DEFAULT_PROMISE_RULES): Promise<PromisePage> {
  const atIso = at.toISOString();
  await withoutJit(trx);
  const r = await sql<Row>`
    with due as (
      select p.id, p.account_id, p.amount_idr, p.promised_date, p.created_at, d.timezone,
             (${atIso}::timestamptz at time zone d.timezone)::date as local_date
        from promises_to_pay p join debtors d on d.id = p.debtor_id
       where p.status = 'pending' and ${after === null ? sql`true` : sql`p.id > ${after}::uuid`}
       order by p.id
       limit ${limit}
    )
    select due.id, due.amount_idr, due.promised_date, due.local_date,
           coalesce((select sum(pm.amount_idr) from payments pm
                      where pm.account_id = due.account_id and pm.status = 'booked'
                        and (pm.paid_at at time zone due.timezone)::date between (due.created_at at time zone due.timezone)::date and due.local_date), 0)::bigint as paid
      from due order by due.id`.execute(trx);
  let kept = 0;
  let partiallyKept = 0;
  let broken = 0;
  const ids: string[] = [];
  const statuses: string[] = [];
  const paid: string[] = [];
  for (const row of r.rows) {
    const outcome = evaluatePromise({ amountIdr: rupiah(row.amount_idr), promisedDate: row.promised_date }, rupiah(row.paid), row.local_date, rules);
    if (outcome === 'pending') continue;
    if (outcome === 'kept') kept++;
    else if (outcome === 'partially_kept') partiallyKept++;
    else broken++;
    ids.push(row.id);
    statuses.push(outcome);
    paid.push(String(row.paid));
  }
  if (ids.length > 0) {
    await sql`
      update promises_to_pay p set status = u.status, paid_idr = u.paid, evaluated_at = ${atIso}::timestamptz
        from unnest(${ids}::uuid[], ${statuses}::text[], ${paid}::bigint[]) as u(id, status, paid)
       where p.id = u.id and p.status = 'pending'`.execute(trx);
  }
  return { last: r.rows.at(-1)?.id ?? null, evaluated: ids.length, kept, partiallyKept, broken };
}
