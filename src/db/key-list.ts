import { sql, type AliasedRawBuilder } from 'kysely';

/**
 * A FROM item of `keys` (one row each, column `k`, alias `k`) to join laterally to an indexed lookup, one index probe per
 * key in key order:
 *
 *   db.selectFrom(keyList(ids, 'uuid'))
 *     .innerJoinLateral((eb) => eb.selectFrom('accounts').selectAll().whereRef('accounts.id', '=', 'k.k').offset(0).as('a'), (j) => j.onTrue())
 *
 * Why not `where id = any(keys)` (or a plain join with `unnest`): past a few thousand keys the planner prices the index
 * probes above a scan of the whole table and hashes it — at 1M accounts a 9,000-key batch took 0.9–2 s instead of
 * 0.3 s (`npm run bench -- reconcile --batch 10000`). The lateral subquery must stay a subquery (`offset(0)` or a
 * row lock), so the planner cannot turn it back into that join.
 * The keys go out distinct and sorted: each row is found once, the probes walk the index in order (about half the
 * time of a shuffled list), and rows locked inside the subquery are locked in key order — for uuids, text order is
 * uuid order — so two batches locking overlapping rows cannot deadlock.
 */
export function keyList(keys: Iterable<string>, type: 'uuid' | 'text'): AliasedRawBuilder<{ k: string }, 'k'> {
  return sql<{ k: string }>`unnest(${[...new Set(keys)].sort()}::${sql.raw(type)}[])`.as('k');
}
