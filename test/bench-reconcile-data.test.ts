import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountAt, indistinguishableLines, portfolioSql, statementCsv } from '../bench/support/reconcile-data.ts';
import type { Db } from '../src/db/connection.ts';
import { testDatabases } from './support/databases.ts';

// The reconcile benchmark grades the matcher against truth computed by `accountAt` while the database holds what
// `portfolioSql` generated: the two formulas must agree, or precision/recall would measure the generator.
describe.each(testDatabases)('bench reconcile data on $name', (database) => {
  let db: Db;
  beforeAll(async () => {
    db = await database.open();
    for (const stmt of portfolioSql(500)) await sql.raw(stmt).execute(db.kysely);
  });
  afterAll(async () => db.close());

  it('generates in SQL exactly the accounts accountAt describes', async () => {
    const rows = await sql<{ account_no: string; va_number: string; full_name: string; installment_idr: string; oldest_unpaid_due_date: string; outstanding_idr: string }>`
      select a.account_no, a.va_number, d.full_name, a.installment_idr::text, a.oldest_unpaid_due_date::text, a.outstanding_idr::text
        from accounts a join debtors d on d.id = a.debtor_id order by a.account_no`.execute(db.kysely);
    expect(rows.rows).toHaveLength(500);
    for (const [k, r] of rows.rows.entries()) {
      const a = accountAt(k + 1);
      expect(r).toEqual({
        account_no: a.accountNo,
        va_number: a.va,
        full_name: a.name,
        installment_idr: String(a.installment),
        oldest_unpaid_due_date: a.dueDate,
        outstanding_idr: String(a.outstanding),
      });
    }
  });
});

describe('bench reconcile statement', () => {
  it('draws names independently of instalments: few payers have a same-instalment namesake', () => {
    // With names tied to the instalment (the low bits of the hash modulo 60 repeat every 4,800 accounts), a third of
    // all accounts shared name and instalment with another one; independent draws give about 1.5 % at 300k accounts.
    const n = 300_000;
    const seen = new Map<string, number>();
    for (let i = 1; i <= n; i += 1) {
      const a = accountAt(i);
      const key = `${a.installment}|${a.name}`;
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
    let shared = 0;
    for (const c of seen.values()) if (c > 1) shared += c;
    expect(shared / n).toBeLessThan(0.05);
  });

  it('marks amount-only lines and nothing that names a unique payer as indistinguishable', () => {
    const { csv, truth } = statementCsv(20_000, 2_000, 3);
    const hidden = indistinguishableLines(20_000, csv, truth, 10);
    for (const [k, t] of truth.entries()) if (t.kind === 'amount_only') expect(hidden.has(k)).toBe(true);
    for (const k of hidden) expect(['amount_only', 'name_typo_amount']).toContain(truth[k]!.kind);
  });
});
