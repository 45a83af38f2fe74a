import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { FACTS_FROM, FACTS_SELECT, factsCtes, inPageRange, pageKeys, withoutJit, type FactsRow } from '../strategies/index.ts';

export interface DelinquencyPage {
  readonly rows: FactsRow[];
  /** Accounts whose DPD, bucket, Kol, oldest unpaid due date or as-of date was written. */
  readonly updated: number;
  /** Delinquency history rows opened (a bucket or Kol transition, or a first entry). */
  readonly transitions: number;
}

/**
 * One keyset page of the daily recompute in a single statement: compute the facts (DPD, bucket, Kol from the
 * schedule as of each debtor's local date), write the changed accounts, close the open history row where the bucket
 * or Kol moved and open the new one, and return the facts for the strategy. The open history row is read once in
 * the facts (data-modifying CTEs share one snapshot), so closing and opening are decided from the same row.
 */
export async function recomputePage(trx: Kysely<Database>, after: string | null, limit: number, at: Date): Promise<DelinquencyPage> {
  await withoutJit(trx);
  const keys = await pageKeys(trx, after, limit);
  if (keys.ids.length === 0) return { rows: [], updated: 0, transitions: 0 };
  const r = await recomputeStatement(keys, at).execute(trx);
  const first = r.rows[0];
  return { rows: r.rows, updated: first?.updated ?? 0, transitions: first?.transitions ?? 0 };
}

/** The page statement of `recomputePage` (exported for EXPLAIN in benchmarks). */
export function recomputeStatement(keys: Awaited<ReturnType<typeof pageKeys>>, at: Date): RawBuilder<FactsRow & { updated: number; transitions: number }> {
  const ids = sql`${keys.ids}::uuid[]`;
  return sql<FactsRow & { updated: number; transitions: number }>`
    with ${factsCtes({ ...keys, at })},
    upd as (
      update accounts a
         set dpd = f.dpd, bucket = f.bucket, kol = f.kol, oldest_unpaid_due_date = f.oldest, delinquency_as_of = f.local_date, updated_at = now()
        from f
       where a.id = f.id and a.id = any(${ids})
         and (a.dpd, a.bucket, a.kol, a.oldest_unpaid_due_date, a.delinquency_as_of) is distinct from (f.dpd, f.bucket, f.kol, f.oldest, f.local_date)
      returning a.id
    ),
    closed as (
      update delinquency_history h set lifted_on = f.local_date
        from f
       where h.id = f.hist_id and h.account_id = f.id and ${inPageRange(keys, 'h.account_id')} and h.lifted_on is null
         and (f.hist_bucket <> f.bucket or f.hist_kol <> f.kol)
      returning h.id
    ),
    opened as (
      insert into delinquency_history (account_id, bucket, kol, added_on)
      select f.id, f.bucket, f.kol, f.local_date from f
       where f.hist_id is null or f.hist_bucket <> f.bucket or f.hist_kol <> f.kol
      returning 1
    )
    select ${FACTS_SELECT}, (select count(*) from upd)::int as updated, (select count(*) from opened)::int as transitions
      from ${FACTS_FROM}
     order by f.id`;
}
