import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/support/databases.ts';
import type { Db } from '../../db/connection.ts';
import { DEFAULT_BOOKING_RULES } from '../../domain/booking/plan-booking.ts';
import { reconcileStatement } from './reconcile.ts';
import { createAccount, truncatePayments } from './test-fixtures.ts';
import { bookPaymentFlow } from '../../flows/payment-booking.ts';

const AT = new Date('2026-11-23T03:00:00Z');
const actor = { id: null, label: 'test' };

/** A generic-preset CSV statement. */
const STATEMENT = [
  'date,description,amount,reference,currency',
  '2026-11-21,SETORAN VA,1250000,VA8808000000001,IDR', // 2 exact VA reference
  '2026-11-21,TRF 0123456789 BUDI SANTOSO CICILAN NOV,1000000,NONREF,IDR', // 3 account number in description + name
  '2026-11-21,TRF DARI BPK EKO PRASTYO ANGSURAN,900000,,IDR', // 4 name with typo + expected instalment near due date
  '2026-11-21,SETORAN TUNAI,750000,,IDR', // 5 amount only: suggested
  '2026-11-21,TRF BUDI SANTOSO,123456,,IDR', // 6 name but no expected amount, no identifier: unmatched
  '2026-11-21,BIAYA ADM,-6500,,IDR', // 7 debit: never a payment
].join('\n');
const USD_STATEMENT = ['date,description,amount,reference,currency', '2026-11-21,REMITTANCE 0123456789 BUDI SANTOSO,1000000,VA8808000000001,USD'].join('\n');

describe.each(testDatabases)('reconcileStatement on $name', (target) => {
  let db: Db;
  let ids: Record<string, string>;
  beforeAll(async () => {
    db = await target.open();
  });
  afterAll(async () => db.close());
  beforeEach(async () => {
    await truncatePayments(db.kysely);
    const base = { outstanding: 5_000_000n, oldestUnpaidDueDate: '2026-11-20', dpd: 3, bucket: '1-30', kol: 2, asOf: '2026-11-23' };
    ids = {
      va: (await createAccount(db.kysely, { ...base, accountNo: 'KTA-0001', debtorName: 'Ani Wijaya', va: '8808000000001', installment: 1_250_000n })).accountId,
      budi: (await createAccount(db.kysely, { ...base, accountNo: '0123456789', debtorName: 'Budi Santoso', installment: 1_000_000n })).accountId,
      eko: (await createAccount(db.kysely, { ...base, accountNo: 'KTA-0003', debtorName: 'Eko Prasetyo', installment: 900_000n })).accountId,
      a750: (await createAccount(db.kysely, { ...base, accountNo: 'KTA-0004', debtorName: 'Dewi Lestari', installment: 750_000n })).accountId,
    };
  });

  const run = (text: string, extra: Partial<Parameters<typeof reconcileStatement>[1]> = {}) =>
    reconcileStatement(db.kysely, { text, fileName: 'stmt.csv', actor, receivedAt: AT, book: bookPaymentFlow, ...extra });

  it('matches each credit by the strongest rule, books only the unambiguous ones, and never books debits or other currencies', async () => {
    const r = await run(STATEMENT);
    if (!r.ok) throw r.error;
    expect(r.credits.map((c) => [c.amount, c.account_no, c.status, c.rule])).toEqual([
      ['1250000.00', 'KTA-0001', 'matched', 'va_reference'],
      ['1000000.00', '0123456789', 'matched', 'account_description'],
      ['900000.00', 'KTA-0003', 'matched', 'name_amount_date'],
      ['750000.00', 'KTA-0004', 'suggested', 'amount_date'],
      ['123456.00', null, 'unmatched', 'none'],
    ]);
    expect(r.summary).toEqual({ matched: 3, suggested: 1, unmatched: 1 });
    const payments = await db.kysely.selectFrom('payments').select(['account_id', 'amount_idr', 'source', 'value_date']).orderBy('amount_idr').execute();
    expect(payments).toEqual([
      { account_id: ids['eko'], amount_idr: 900_000n, source: 'statement', value_date: '2026-11-21' },
      { account_id: ids['budi'], amount_idr: 1_000_000n, source: 'statement', value_date: '2026-11-21' },
      { account_id: ids['va'], amount_idr: 1_250_000n, source: 'statement', value_date: '2026-11-21' },
    ]);
    const lines = await db.kysely.selectFrom('statement_lines').select(['line_no', 'status', 'rule']).orderBy('line_no').execute();
    expect(lines.map((l) => l.status)).toEqual(['matched', 'matched', 'matched', 'suggested', 'unmatched', 'ignored']);
    const budi = await db.kysely.selectFrom('accounts').select('outstanding_idr').where('id', '=', ids['budi']!).executeTakeFirstOrThrow();
    expect(budi.outstanding_idr).toBe(4_000_000n);
  });

  it('never books a foreign-currency credit, even one naming a VA', async () => {
    const r = await run(USD_STATEMENT);
    if (!r.ok) throw r.error;
    expect(r.credits).toEqual([{ reference: 'VA8808000000001', amount: '1000000.00', account_no: null, status: 'unmatched', rule: 'unsupported_currency', confidence: 0 }]);
    expect(await db.kysely.selectFrom('payments').select('id').execute()).toHaveLength(0);
  });

  it('is idempotent: the same statement twice books nothing the second time and reports the same outcomes', async () => {
    const first = await run(STATEMENT);
    const second = await run(STATEMENT);
    if (!first.ok || !second.ok) throw new Error('parse failed');
    expect(second.credits).toEqual(first.credits);
    expect(second.newLines).toBe(0);
    expect(await db.kysely.selectFrom('payments').select('id').execute()).toHaveLength(3);
    expect(await db.kysely.selectFrom('statement_lines').select('id').execute()).toHaveLength(6);
    // Two equal transfers on one day are two payments; adding one line to the file books only that line.
    const plusOne = `${STATEMENT}\n2026-11-21,SETORAN VA,1250000,VA8808000000001,IDR`;
    const third = await run(plusOne);
    if (!third.ok) throw third.error;
    expect(third.newLines).toBe(1);
    expect(await db.kysely.selectFrom('payments').select('id').execute()).toHaveLength(4);
  });

  it('keeps an account paid off by an earlier line as a candidate, so its namesake is not booked in its place', async () => {
    const base = { oldestUnpaidDueDate: '2026-11-20', dpd: 3, bucket: '1-30', kol: 2, asOf: '2026-11-23', installment: 640_000n };
    // Two "Rizal Santoso" expect 640,000 now; the first pays off by VA, then a transfer names Rizal Santoso.
    await createAccount(db.kysely, { ...base, accountNo: 'RS-1', debtorName: 'Rizal Santoso', va: '8808000000091', outstanding: 640_000n });
    const other = (await createAccount(db.kysely, { ...base, accountNo: 'RS-2', debtorName: 'Rizal Santoso', outstanding: 6_400_000n })).accountId;
    const text = ['date,description,amount,reference,currency', '2026-11-21,SETORAN VA,640000,VA8808000000091,IDR', '2026-11-21,TRF DARI RIZAL SANTOSO ANGSURAN,640000,,IDR'].join('\n');
    for (const extra of [{ batchSize: 1, dryRun: true }, { batchSize: 1 }]) {
      const r = await run(text, extra);
      if (!r.ok) throw r.error;
      expect(r.credits.map((c) => c.status)).toEqual(['matched', 'suggested']);
    }
    expect(await db.kysely.selectFrom('payments').select('id').where('account_id', '=', other).execute()).toEqual([]);
  });

  it('rejects a malformed file whole with line and field, writing nothing', async () => {
    const bad = `${STATEMENT}\n2026-11-32,BAD DATE,1000,,IDR`;
    const r = await run(bad);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.line).toBe(8);
    expect(r.error.field).toBe('date');
    const counts = await sql<{ n: number }>`select (select count(*) from statement_imports) + (select count(*) from statement_lines) + (select count(*) from payments) as n`.execute(db.kysely);
    expect(Number(counts.rows[0]!.n)).toBe(0);
  });

  it('rejects a file with a NUL byte whole, naming the line (found by the fuzz test)', async () => {
    const r = await run(STATEMENT.replace('SETORAN TUNAI', 'SETORAN\u0000TUNAI'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toBe('line 5: contains a NUL byte (0x00); is this a binary file?');
  });

  it('books nothing of a file when anything fails part-way (one transaction)', async () => {
    const broken = { ...DEFAULT_BOOKING_RULES, allocation: { order: ['fee'] as const, mode: 'installment-first' as const } };
    await expect(run(STATEMENT, { bookingRules: broken })).rejects.toThrow(/allocation order is missing/);
    const counts = await sql<{ n: number }>`select (select count(*) from statement_imports) + (select count(*) from statement_lines) + (select count(*) from payments) + (select count(*) from audit_log) as n`.execute(db.kysely);
    expect(Number(counts.rows[0]!.n)).toBe(0);
  });
});
