import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../test/support/databases.ts';
import type { Db } from './connection.ts';
import { keyList } from './key-list.ts';

describe.each(testDatabases)('keyList on $name', (database) => {
  let db: Db;
  beforeAll(async () => {
    db = await database.open();
    await sql`insert into creditors (code, name) values ('KL', 'Key List Bank')`.execute(db.kysely);
    await sql`
      insert into debtors (id, creditor_id, debtor_ref, full_name, timezone)
      select md5('kl' || i)::uuid, (select id from creditors where code = 'KL'), 'KL' || i, 'Debtor ' || i, 'Asia/Jakarta'
        from generate_series(1, 30000) as i`.execute(db.kysely);
    await sql`analyze debtors`.execute(db.kysely);
  });
  afterAll(async () => db.close());

  const probe = (keys: string[]) =>
    db.kysely
      .selectFrom(keyList(keys, 'uuid'))
      .innerJoinLateral((eb) => eb.selectFrom('debtors').select(['debtors.id', 'debtors.debtor_ref']).whereRef('debtors.id', '=', 'k.k').offset(0).as('d'), (j) => j.onTrue())
      .select(['d.id', 'd.debtor_ref']);
  const idOf = async (ref: string) => (await db.kysely.selectFrom('debtors').select('id').where('debtor_ref', '=', ref).executeTakeFirstOrThrow()).id;

  it('finds the rows of the keys that exist, once per key, and nothing for the others', async () => {
    const keys = [await idOf('KL7'), await idOf('KL3'), '00000000-0000-0000-0000-000000000000', await idOf('KL30000')];
    const rows = await probe(keys).execute();
    expect(rows.map((r) => r.debtor_ref).sort()).toEqual(['KL3', 'KL30000', 'KL7']);
    expect(await probe([]).execute()).toEqual([]);
  });

  it('probes the index however many keys there are, where a plain join with the list lets the planner scan the table', async () => {
    // A third of the table: enough for the planner to prefer a scan + hash for a plain join with the key list.
    const all = await db.kysely.selectFrom('debtors').select('id').execute();
    const keys = all.filter((_, i) => i % 3 === 0).map((r) => r.id).sort();
    const compiled = probe(keys).compile();
    const explained = await db.kysely.executeQuery<{ 'QUERY PLAN': string }>({ ...compiled, sql: `explain ${compiled.sql}` });
    const text = explained.rows.map((r) => r['QUERY PLAN']).join('\n');
    expect(text).toMatch(/Index (Only )?Scan using \w+ on debtors/);
    expect(text).not.toMatch(/Seq Scan on debtors/);
    expect((await probe(keys).execute()).length).toBe(keys.length);
  });
});
