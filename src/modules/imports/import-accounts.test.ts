import { Readable } from 'node:stream';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testDatabases } from '../../../test/support/databases.ts';
import { testDeps } from '../../../test/support/app.ts';
import type { Db } from '../../db/connection.ts';
import type { AppDeps } from '../../app-deps.ts';
import { importAccounts } from './service.ts';

const fixture = (name: string) => readFileSync(new URL(`../../../test/fixtures/imports/${name}`, import.meta.url), 'utf8');
const cli = { id: null, label: 'test' };
const run = (deps: AppDeps, csv: string, allowPartial = false) =>
  importAccounts(deps, Readable.from([Buffer.from(csv)]), { allowPartial, fileName: 'test.csv', actor: cli });

async function counts(db: Db) {
  const r = await sql<{ a: number; d: number; c: number; ad: number }>`
    select (select count(*)::int from accounts) a, (select count(*)::int from debtors) d,
           (select count(*)::int from debtor_contacts) c, (select count(*)::int from debtor_addresses) ad`.execute(db.kysely);
  return r.rows[0]!;
}

describe.each(testDatabases)('accounts import on $name', (target) => {
  let db: Db;
  let deps: AppDeps;
  beforeAll(async () => {
    db = await target.open();
    deps = testDeps(db, { now: () => new Date('2026-11-23T03:00:00Z') });
  });
  afterAll(async () => db.close());
  beforeEach(async () => {
    await sql`truncate delinquency_history, debtor_addresses, contact_channel_preferences, debtor_contacts, accounts, debtors, creditors, import_jobs, audit_log cascade`.execute(db.kysely);
  });

  it('imports a good file, normalising phones, amounts and zones, and encrypting PII', async () => {
    const r = await run(deps, fixture('good.csv'));
    expect(r).toMatchObject({ committed: true, inserted: 4, updated: 0, rejected: 0, errors: [] });
    expect(await counts(db)).toEqual({ a: 4, d: 3, c: 5, ad: 2 });
    const kta = await db.kysely.selectFrom('accounts').selectAll().where('account_no', '=', 'KTA-0001').executeTakeFirstOrThrow();
    expect(kta.outstanding_idr).toBe(1_250_000n);
    expect(kta).toMatchObject({ oldest_unpaid_due_date: '2026-10-20', dpd: 34, bucket: '31-60', kol: 2, va_number: '8808001234567890' });
    const siti = await db.kysely.selectFrom('debtors').selectAll().where('debtor_ref', '=', 'D-0002').executeTakeFirstOrThrow();
    expect(siti.timezone).toBe('Asia/Makassar');
    expect(deps.cipher.decrypt(siti.nik_enc!)).toBe('7371024506880002');
    const phones = await db.kysely.selectFrom('debtor_contacts').select(['value_enc', 'value_hash']).where('debtor_id', '=', siti.id).where('type', '=', 'phone').execute();
    expect(phones.map((p) => deps.cipher.decrypt(p.value_enc))).toEqual(['+6281298765432']);
    expect(phones[0]!.value_hash).toBe(deps.cipher.blindIndex('+6281298765432'));
    const papua = await db.kysely.selectFrom('debtors').select('timezone').where('debtor_ref', '=', 'D-0003').executeTakeFirstOrThrow();
    expect(papua.timezone).toBe('Asia/Jayapura');
    const dump = JSON.stringify((await sql`select d.*, c.* from debtors d join debtor_contacts c on c.debtor_id = d.id`.execute(db.kysely)).rows, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v));
    expect(dump).not.toContain('7371024506880002');
    expect(dump).not.toContain('81298765432');
  });

  it('is idempotent: the same file twice inserts and updates nothing the second time', async () => {
    await run(deps, fixture('good.csv'));
    const before = await counts(db);
    const again = await run(deps, fixture('good.csv'));
    expect(again).toMatchObject({ committed: true, inserted: 0, updated: 0, rejected: 0 });
    expect(await counts(db)).toEqual(before);
  });

  it('updates only the rows that changed', async () => {
    await run(deps, fixture('good.csv'));
    const changed = fixture('good.csv').replace('2.500.000,2026-11-01', '2.400.000,2026-11-01');
    expect(await run(deps, changed)).toMatchObject({ inserted: 0, updated: 1 });
    const a = await db.kysely.selectFrom('accounts').select('outstanding_idr').where('account_no', '=', 'KTA-0002').executeTakeFirstOrThrow();
    expect(a.outstanding_idr).toBe(2_400_000n);
  });

  it('rejects a file with one bad row, naming every bad field, and writes nothing', async () => {
    const r = await run(deps, fixture('one-bad-row.csv'));
    expect(r.committed).toBe(false);
    expect(r).toMatchObject({ inserted: 0, updated: 0, rejected: 1 });
    expect(r.errors.map((e) => [e.row, e.field])).toEqual([
      [3, 'province'],
      [3, 'outstanding_idr'],
      [3, 'due_date'],
      [3, 'nik'],
    ]);
    expect(await counts(db)).toEqual({ a: 0, d: 0, c: 0, ad: 0 });
    const audit = await db.kysely.selectFrom('audit_log').select('action').execute();
    expect(audit).toEqual([]);
    const job = await db.kysely.selectFrom('import_jobs').selectAll().executeTakeFirstOrThrow();
    expect(job).toMatchObject({ status: 'rejected', rejected: 1 });
  });

  it('with allowPartial writes the good rows and reports the bad ones', async () => {
    const r = await run(deps, fixture('one-bad-row.csv'), true);
    expect(r).toMatchObject({ committed: true, inserted: 2, rejected: 1 });
    expect((await counts(db)).a).toBe(2);
  });

  it('rejects duplicate account and VA numbers inside one file, naming the first occurrence', async () => {
    const csv = [
      'account_no,debtor_ref,debtor_name,phone,province,product,outstanding_idr,due_date,va_number',
      'A-1,X-1,Ani,081211110000,Bali,KTA,100000,2026-10-01,880000000001',
      'A-2,X-2,Beni,081211110001,Bali,KTA,100000,2026-10-01,880000000001',
      'A-1,X-3,Cici,081211110002,Bali,KTA,100000,2026-10-01,',
    ].join('\n');
    const r = await run(deps, csv);
    expect(r.committed).toBe(false);
    expect(r.errors).toEqual([
      { row: 3, field: 'va_number', message: "duplicate va_number '880000000001' (first on row 2)" },
      { row: 4, field: 'account_no', message: "duplicate account_no 'A-1' (first on row 2)" },
    ]);
    expect((await counts(db)).a).toBe(0);
  });

  it('rejects malformed phones, impossible dates and unknown provinces with clear messages', async () => {
    const csv = [
      'account_no,debtor_ref,debtor_name,phone,province,product,outstanding_idr,due_date',
      'A-1,X-1,Ani,12345,Bali,KTA,100000,2026-13-01',
      'A-2,X-2,Beni,081211110001,Narnia,KTA,abc,2026-10-01',
    ].join('\n');
    const r = await run(deps, csv);
    expect(r.rejected).toBe(2);
    expect(r.errors.map((e) => `${e.row}:${e.field}`)).toEqual(['2:phone', '2:due_date', '3:province', '3:outstanding_idr']);
  });

  it('rejects a header without a required column as a whole-file error', async () => {
    const r = await run(deps, 'account_no,debtor_ref\nA,B\n');
    expect(r.committed).toBe(false);
    expect(r.errors[0]).toMatchObject({ row: 1, field: 'debtor_name' });
    expect(r.errors[0]!.message).toMatch(/missing required columns: debtor_name, phone/);
  });

  it('rejects an empty file and a broken quote without writing', async () => {
    expect((await run(deps, '')).errors[0]).toMatchObject({ row: 1, field: 'header' });
    const broken = `${fixture('good.csv').split('\n')[0]}\nKTA-1,"D-1,Budi\n`;
    const r = await run(deps, broken);
    expect(r.committed).toBe(false);
    expect(r.errors[0]!.field).toBe('file');
    expect((await counts(db)).a).toBe(0);
  });

  it('accepts semicolon-separated files and an extra column with a warning', async () => {
    const r = await run(deps, `${fixture('semicolon.csv').replace('due_date', 'due_date;note').replace('2026-01-05', '2026-01-05;hi')}`);
    expect(r).toMatchObject({ committed: true, inserted: 1 });
    expect(r.warnings).toEqual(['ignored unknown column: note']);
  });
});

describe('stored import errors', () => {
  it('never keep a rejected phone number or NIK in plain text', async () => {
    const db = await testDatabases[0]!.open();
    try {
      const deps = testDeps(db);
      const csv = 'account_no,debtor_ref,debtor_name,phone,province,product,outstanding_idr,due_date,nik\nA-1,X-1,Ani,+1 555 0100,Bali,KTA,100000,2026-10-01,3174011505900000\n';
      const r = await run(deps, csv);
      expect(r.errors.map((e) => e.field)).toEqual(['phone', 'nik']);
      expect(r.errors[0]!.message).toContain('+1 555 0100');
      const job = await db.kysely.selectFrom('import_jobs').select('errors').executeTakeFirstOrThrow();
      expect(JSON.stringify(job.errors)).not.toContain('555 0100');
      expect(JSON.stringify(job.errors)).toContain('[redacted]');
    } finally {
      await db.close();
    }
  });
});
