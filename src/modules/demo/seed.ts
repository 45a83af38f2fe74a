import { sql } from 'kysely';
import type { AppDeps } from '../../app-deps.ts';
import { audit, SYSTEM_ACTOR, type Actor } from '../audit/index.ts';
import { generateDemoDebtors } from './generate.ts';
import { countAccounts, ensureCreditors, loadAssignees, writeDemoDebtors } from './write.ts';

export interface SeedDemoOptions {
  readonly accounts: number;
  readonly seed: number;
  readonly actor?: Actor;
}

export type SeedDemoSummary =
  | {
      readonly status: 'seeded';
      readonly seed: number;
      /** The instant the portfolio was generated "as of" (`deps.now()`). */
      readonly asOf: string;
      readonly creditors: number;
      readonly debtors: number;
      readonly accounts: number;
      readonly payments: number;
      readonly interactions: number;
      readonly cases: number;
      readonly assignments: number;
      readonly byBucket: Readonly<Record<string, number>>;
      readonly byZone: Readonly<Record<'WIB' | 'WITA' | 'WIT', number>>;
      readonly elapsedMs: number;
    }
  | { readonly status: 'skipped'; readonly existingAccounts: number; readonly elapsedMs: number };

/** Serialises concurrent seeders (two nodes starting at once): arbitrary but fixed key. */
const DEMO_LOCK_KEY = 0x7a61_6768;

/**
 * Fills an empty database with a synthetic Indonesian portfolio, all in one transaction, with
 * one `demo.seed` audit row. Called by `tagih demo` and by the server's first start.
 * Idempotent: when any account exists it writes nothing and reports `skipped`, so it is safe
 * to call on every start.
 *
 * @example await seedDemoPortfolio(deps, { accounts: 2000, seed: 1 }) // { status: 'seeded', accounts: 2000, … }
 */
export async function seedDemoPortfolio(deps: AppDeps, opts: SeedDemoOptions): Promise<SeedDemoSummary> {
  if (!Number.isInteger(opts.accounts) || opts.accounts < 0) throw new RangeError(`accounts must be a whole number ≥ 0, got ${opts.accounts}`);
  if (!Number.isInteger(opts.seed)) throw new RangeError(`seed must be an integer, got ${opts.seed}`);
  const started = performance.now();
  const now = deps.now();
  return deps.db.kysely.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${DEMO_LOCK_KEY})`.execute(trx);
    const existing = await countAccounts(trx);
    if (existing > 0) return { status: 'skipped', existingAccounts: existing, elapsedMs: Math.round(performance.now() - started) };

    const creditorIds = await ensureCreditors(trx);
    const assignees = await loadAssignees(trx);
    const counts = await writeDemoDebtors(trx, deps.cipher, generateDemoDebtors({ seed: opts.seed, accounts: opts.accounts, now }), {
      creditorIds,
      assignees,
      now,
    });
    await audit(trx, {
      actor: opts.actor ?? SYSTEM_ACTOR,
      action: 'demo.seed',
      entityType: 'portfolio',
      reason: 'synthetic demo portfolio',
      details: { seed: opts.seed, as_of: now.toISOString(), accounts: counts.accounts, debtors: counts.debtors, payments: counts.payments },
      at: now,
    });
    return {
      status: 'seeded',
      seed: opts.seed,
      asOf: now.toISOString(),
      ...counts,
      elapsedMs: Math.round(performance.now() - started),
    };
  });
}
