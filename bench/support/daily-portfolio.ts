import { sql, type Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.ts';

export interface DailyPortfolioOptions {
  readonly accounts: number;
  /** The business date the portfolio is built around (due dates spread from 10 days ahead to ~190 days late). */
  readonly baseDate: string;
  /** Instalments per account in `account_schedule` (every 7th account has none: an import without a schedule). */
  readonly instalments?: number;
}

/**
 * A deterministic synthetic portfolio for the daily batch, written set-based with generate_series (1M accounts in
 * seconds, not minutes): ids are md5-derived so two databases seeded alike hold identical accounts (same arms,
 * same keys). Mixes zones, products, balances, schedules, paid-off accounts, promises (broken, kept, pending),
 * open disputes, hardship plans and recent contacts, so every branch of the batch is exercised.
 */
export async function seedDailyPortfolio(db: Kysely<Database>, opts: DailyPortfolioOptions): Promise<void> {
  const n = opts.accounts;
  const k = opts.instalments ?? 3;
  const base = opts.baseDate;
  const anchorOf = (i: string) => sql`(${base}::date - ((${sql.raw(i)} * 37) % 200 - 10))`;
  await sql`insert into creditors (id, code, name) values ('00000000-0000-4000-8000-000000000001', 'BENCH', 'Bench Finance') on conflict do nothing`.execute(db);
  await sql`
    insert into debtors (id, creditor_id, debtor_ref, full_name, timezone)
    select md5('d' || i)::uuid, '00000000-0000-4000-8000-000000000001', 'D' || i, 'Debitur ' || i,
           (array['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'])[1 + i % 3]
      from generate_series(1, ${n}::int) i`.execute(db);
  // Contact points for the planner (phone for 10 in 11 debtors, email for half). The values are placeholders, not
  // ciphertexts: planning never decrypts, but do not run the dispatcher against a synthetic portfolio.
  await sql`
    insert into debtor_contacts (debtor_id, type, value_enc, value_hash, is_primary, is_verified)
    select md5('d' || i)::uuid, 'phone', 'synthetic', md5('p' || i), true, true from generate_series(1, ${n}::int) i where i % 11 <> 0
    union all
    select md5('d' || i)::uuid, 'email', 'synthetic', md5('e' || i), true, true from generate_series(1, ${n}::int) i where i % 2 = 0`.execute(db);
  await sql`
    insert into accounts (id, creditor_id, debtor_id, account_no, product, principal_idr, outstanding_idr, installment_idr, tenor_months,
                          oldest_unpaid_due_date, status, hardship_until)
    select md5('a' || i)::uuid, '00000000-0000-4000-8000-000000000001', md5('d' || i)::uuid, 'ACC' || lpad(i::text, 9, '0'),
           (array['KTA', 'Multiguna', 'Kartu Kredit', 'Paylater'])[1 + i % 4], 12000000, ((i::bigint * 7919) % 120 + 1) * 500000, 500000, 12,
           ${anchorOf('i')}, case when i % 101 = 0 then 'paid_off' else 'active' end,
           case when i % 89 = 0 then ${base}::date + 30 end
      from generate_series(1, ${n}::int) i`.execute(db);
  await sql`
    insert into account_schedule (account_id, seq, due_date, principal_due, interest_due, principal_paid, interest_paid)
    select md5('a' || i)::uuid, j, ${anchorOf('i')} + (j - (1 + i % ${k}::int)) * 30, 400000, 100000,
           case when j < 1 + i % ${k}::int then 400000 else 0 end, case when j < 1 + i % ${k}::int then 100000 else 0 end
      from generate_series(1, ${n}::int) i cross join generate_series(1, ${k}::int) j
     where i % 7 <> 0`.execute(db);
  await sql`
    insert into promises_to_pay (account_id, debtor_id, amount_idr, promised_date, source, created_at)
    select md5('a' || i)::uuid, md5('d' || i)::uuid, 300000,
           case when i % 50 = 0 then ${base}::date - 5 else ${base}::date + 3 end, 'agent', (${base}::date - 10)::timestamptz
      from generate_series(1, ${n}::int) i where i % 50 in (0, 25)`.execute(db);
  await sql`
    insert into payments (account_id, amount_idr, paid_at, channel, idempotency_key)
    select md5('a' || i)::uuid, 300000, (${base}::date - 7)::timestamptz + interval '5 hours', 'virtual_account', 'bench-pay-' || i
      from generate_series(1, ${n}::int) i where i % 100 = 0`.execute(db);
  await sql`
    insert into disputes (reference, kind, debtor_id, account_id, description, opened_via, sla_due_at)
    select 'DSP-B-' || i, 'dispute', md5('d' || i)::uuid, md5('a' || i)::uuid, 'Bench dispute', 'test', (${base}::date + 14)::timestamptz
      from generate_series(1, ${n}::int) i where i % 97 = 0`.execute(db);
  await sql`
    insert into interactions (debtor_id, account_id, channel, direction, outcome, occurred_at)
    select md5('d' || i)::uuid, md5('a' || i)::uuid, 'voice', 'outbound', 'no_answer', (${base}::date - 2)::timestamptz + interval '3 hours'
      from generate_series(1, ${n}::int) i where i % 13 = 0`.execute(db);
  await sql`analyze`.execute(db);
}
