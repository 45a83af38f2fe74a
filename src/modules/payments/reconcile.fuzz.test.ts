import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from '../../../test/fixtures/statements/read-fixture.ts';
import { testDatabases } from '../../../test/support/databases.ts';
import type { Db } from '../../db/connection.ts';
import { reconcileStatement } from './reconcile.ts';
import { createAccount } from './test-fixtures.ts';
import { bookPaymentFlow } from '../../flows/payment-booking.ts';

const AT = new Date('2026-11-23T03:00:00Z');

/** A plausible generic CSV statement: credits and debits naming our VA/account or not. */
const csvStatement = fc
  .array(
    fc.record({
      day: fc.integer({ min: 1, max: 30 }),
      amount: fc.oneof(fc.integer({ min: -2_000_000, max: 2_000_000 }), fc.constantFrom(750_000, 1_250_000)),
      reference: fc.oneof(fc.constant(''), fc.constant('VA8808000000001'), fc.constant('NONREF'), fc.stringMatching(/^[A-Z0-9]{0,12}$/)),
      description: fc.oneof(fc.constant('TRF 0123456789 BUDI SANTOSO'), fc.constant('SETORAN TUNAI'), fc.string({ maxLength: 30 })),
    }),
    { minLength: 1, maxLength: 12 },
  )
  .map(
    (rows) =>
      `date,description,amount,reference,currency\n${rows
        .map((r) => `2026-11-${String(r.day).padStart(2, '0')},"${r.description.replace(/"/g, '""')}",${r.amount},${r.reference},IDR`)
        .join('\n')}\n`,
  );

/** Damages a text: inserts, deletes or replaces characters at random places (including NUL and separators). */
const mutated = (base: fc.Arbitrary<string>) =>
  fc
    .tuple(base, fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 2 }), fc.constantFrom('\u0000', ',', '"', '\n', ':', '-', 'X', '9', '\u00e9', ' ', ';', '\r')), { maxLength: 4 }))
    .map(([text, edits]) => {
      let t = text;
      for (const [pos, op, ch] of edits) {
        const p = t.length === 0 ? 0 : pos % t.length;
        t = op === 0 ? t.slice(0, p) + ch + t.slice(p) : op === 1 ? t.slice(0, p) + t.slice(p + 1) : t.slice(0, p) + ch + t.slice(p + 1);
      }
      return t;
    });

const statementText = fc.oneof(
  csvStatement,
  mutated(csvStatement),
  mutated(fc.constantFrom(fixture('mt940-mandiri-idr.sta'), fixture('mt940-reversals.sta'), fixture('mt940-multi-page.sta'))),
  fc.string({ maxLength: 200 }),
);

async function counts(db: Db): Promise<{ imports: number; lines: number; payments: number; audit: number }> {
  const r = await sql<{ imports: number; lines: number; payments: number; audit: number }>`
    select (select count(*)::int from statement_imports) as imports, (select count(*)::int from statement_lines) as lines,
           (select count(*)::int from payments) as payments, (select count(*)::int from audit_log) as audit`.execute(db.kysely);
  return r.rows[0]!;
}

describe.each(testDatabases)('reconciliation fuzz on $name', (target) => {
  let db: Db;
  beforeAll(async () => {
    db = await target.open();
    const base = { outstanding: 50_000_000n, oldestUnpaidDueDate: '2026-11-20', dpd: 3, bucket: '1-30', kol: 2, asOf: '2026-11-23' };
    await createAccount(db.kysely, { ...base, accountNo: 'KTA-0001', debtorName: 'Ani Wijaya', va: '8808000000001', installment: 1_250_000n });
    await createAccount(db.kysely, { ...base, accountNo: '0123456789', debtorName: 'Budi Santoso', installment: 1_000_000n });
    await createAccount(db.kysely, { ...base, accountNo: 'KTA-0004', debtorName: 'Dewi Lestari', installment: 750_000n });
  });
  afterAll(async () => db.close());

  it('never throws on a fuzzed statement, and either stores and books the whole file or nothing at all', async () => {
    await fc.assert(
      fc.asyncProperty(statementText, async (text) => {
        const before = await counts(db);
        const r = await reconcileStatement(db.kysely, { text, fileName: 'fuzz', actor: { id: null, label: 'fuzz' }, receivedAt: AT, book: bookPaymentFlow });
        const after = await counts(db);
        if (!r.ok) {
          expect(r.error.message.length).toBeGreaterThan(0);
          expect(after).toEqual(before);
          return;
        }
        // Every new line stored, each matched new credit booked once, one import and its audit row.
        expect(after.imports).toBe(before.imports + 1);
        expect(after.lines).toBe(before.lines + r.newLines);
        if (r.newLines === r.linesTotal) expect(after.payments - before.payments).toBe(r.summary.matched);
        const again = await reconcileStatement(db.kysely, { text, fileName: 'fuzz', actor: { id: null, label: 'fuzz' }, receivedAt: AT, book: bookPaymentFlow });
        expect(again.ok && again.newLines).toBe(0);
        expect((await counts(db)).payments).toBe(after.payments);
      }),
      { numRuns: 60 },
    );
  });
});
