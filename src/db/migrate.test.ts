import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testDatabases } from '../../test/support/databases.ts';
import { bundledMigrations, migrate } from './migrate.ts';

describe.each(testDatabases)('migrations on $name', (target) => {
  it('applies every bundled migration once and is a no-op the second time', async () => {
    const db = await target.open();
    try {
      const again = await migrate(db);
      expect(again).toEqual([]);
      const rows = await sql<{ name: string }>`select name from schema_migrations order by name`.execute(db.kysely);
      expect(rows.rows.map((r) => r.name)).toEqual(bundledMigrations().map((m) => m.name));
    } finally {
      await db.close();
    }
  });

  it('returns money as bigint and dates as ISO strings on both drivers', async () => {
    const db = await target.open();
    try {
      const r = await sql<{ m: bigint; d: string; t: Date }>`select 9007199254740993::bigint as m, date '2026-03-20' as d, timestamptz '2026-03-20T01:00:00Z' as t`.execute(db.kysely);
      expect(r.rows[0]).toEqual({ m: 9007199254740993n, d: '2026-03-20', t: new Date('2026-03-20T01:00:00Z') });
    } finally {
      await db.close();
    }
  });

  it('rolls back a failing migration and leaves the database usable', async () => {
    const db = await target.open();
    try {
      await expect(migrate(db, [{ name: '9999_bad.sql', sql: 'create table x_ok (id int); select * from no_such_table;' }])).rejects.toThrow(/9999_bad.sql/);
      const t = await sql<{ n: string | null }>`select to_regclass('x_ok')::text as n`.execute(db.kysely);
      expect(t.rows[0]!.n).toBeNull();
    } finally {
      await db.close();
    }
  });
});
