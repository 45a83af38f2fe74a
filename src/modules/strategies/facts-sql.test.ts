import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/support/databases.ts';
import type { Db } from '../../db/connection.ts';
import { addDays } from '../../domain/dates.ts';
import { delinquencyOf } from '../../domain/dpd.ts';
import { kolFor } from '../../domain/kol.ts';
import { bucketFor } from '../../domain/buckets.ts';
import { rupiah } from '../../domain/money.ts';
import { bucketCaseSql, kolCaseSql, readFactsPage } from './index.ts';

interface Inst {
  offset: number;
  due: number;
  paid: number;
}
const arbSchedule = fc.array(
  fc.record({ offset: fc.integer({ min: -400, max: 60 }), due: fc.integer({ min: 1, max: 1000 }), paid: fc.integer({ min: 0, max: 1200 }) }),
  { minLength: 0, maxLength: 6 },
);

/**
 * The daily batch computes DPD, bucket and Kol in SQL for speed; the domain functions are the specification.
 * These tests hold the SQL to them on random schedules and on every DPD up to 1,000, on both databases.
 */
describe.each(testDatabases)('facts SQL agrees with the domain rules on $name', (target) => {
  let db: Db;
  beforeAll(async () => {
    db = await target.open();
  });
  afterAll(async () => db.close());

  it('maps every DPD 0–1000 to the bucket and Kol of buckets.ts and kol.ts', async () => {
    const r = await sql<{ d: number; bucket: string; kol: number }>`
      select d, ${sql.raw(bucketCaseSql('d'))} as bucket, ${sql.raw(kolCaseSql('d'))} as kol from generate_series(0, 1000) d order by d`.execute(db.kysely);
    for (const row of r.rows) expect([row.d, row.bucket, row.kol]).toEqual([row.d, bucketFor(row.d).code, kolFor(row.d)]);
  });

  it('computes from random schedules exactly what delinquencyOf does (property)', async () => {
    const asOf = '2026-03-20';
    const schedules = fc.sample(arbSchedule, { numRuns: 150, seed: 20260320 });
    await sql`insert into creditors (id, code, name) values ('00000000-0000-4000-8000-000000000001', 'T', 'T')`.execute(db.kysely);
    await sql`
      insert into debtors (id, creditor_id, debtor_ref, full_name, timezone)
      select md5('d' || i)::uuid, '00000000-0000-4000-8000-000000000001', 'D' || i, 'X', (array['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'])[1 + i % 3]
        from generate_series(0, ${schedules.length - 1}::int) i`.execute(db.kysely);
    await sql`
      insert into accounts (id, creditor_id, debtor_id, account_no, product, outstanding_idr, oldest_unpaid_due_date)
      select md5('a' || i)::uuid, '00000000-0000-4000-8000-000000000001', md5('d' || i)::uuid, 'A' || i, 'KTA', 1000, ${addDays(asOf, -3)}::date
        from generate_series(0, ${schedules.length - 1}::int) i`.execute(db.kysely);
    const rows = schedules.flatMap((s, i) => s.map((x: Inst, seq) => ({ i, seq, date: addDays(asOf, x.offset), due: x.due, paid: Math.min(x.paid, x.due + 200) })));
    if (rows.length > 0) {
      await sql`
        insert into account_schedule (account_id, seq, due_date, principal_due, principal_paid)
        select md5('a' || i)::uuid, seq, d, due, paid
          from unnest(${rows.map((r) => r.i)}::int[], ${rows.map((r) => r.seq)}::int[], ${rows.map((r) => r.date)}::date[], ${rows.map((r) => r.due)}::bigint[], ${rows.map((r) => r.paid)}::bigint[]) as u(i, seq, d, due, paid)`.execute(db.kysely);
    }
    const ids = (await sql<{ i: number; id: string }>`select i, md5('a' || i)::uuid::text as id from generate_series(0, ${schedules.length - 1}::int) i`.execute(db.kysely)).rows;
    const facts = new Map<string, { dpd: number; bucket: string; kol: number; oldest: string | null }>();
    let after: string | null = null;
    for (;;) {
      const page = await readFactsPage(db.kysely, after, 40, { at: new Date(`${asOf}T05:00:00Z`) });
      if (page.length === 0) break;
      for (const f of page) facts.set(f.id, f);
      after = page.at(-1)!.id;
    }
    for (const { i, id } of ids) {
      const s = schedules[i]!;
      const got = facts.get(id)!;
      // No schedule rows: the imported oldest unpaid due date stands (3 days late).
      const expected = s.length === 0
        ? delinquencyOf([{ seq: 1, dueDate: addDays(asOf, -3), amountDue: rupiah(1), amountPaid: rupiah(0) }], asOf)
        : delinquencyOf(s.map((x, seq) => ({ seq, dueDate: addDays(asOf, x.offset), amountDue: rupiah(x.due), amountPaid: rupiah(Math.min(x.paid, x.due + 200)) })), asOf);
      expect({ dpd: got.dpd, bucket: got.bucket, kol: got.kol, oldest: got.oldest }, `schedule ${JSON.stringify(s)}`).toEqual({
        dpd: expected.dpd,
        bucket: expected.bucket.code,
        kol: expected.kol,
        oldest: expected.oldestUnpaidDueDate,
      });
    }
  });
});
