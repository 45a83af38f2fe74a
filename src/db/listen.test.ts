import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../test/support/databases.ts';
import type { Db } from './connection.ts';

/** Resolves with the first payload that satisfies `match`. */
function next(payloads: string[], match: (p: string) => boolean): Promise<string> {
  return new Promise((resolve) => {
    const check = setInterval(() => {
      const found = payloads.find(match);
      if (found !== undefined) {
        clearInterval(check);
        resolve(found);
      }
    }, 10);
  });
}

describe.each(testDatabases)('Db.listen on $name', (target) => {
  let db: Db;
  beforeAll(async () => {
    db = await target.open();
  });
  afterAll(async () => {
    await db.close();
  });

  it('delivers NOTIFY on commit to every subscriber, not after unsubscribe, and never for a rolled-back transaction', async () => {
    const a: string[] = [];
    const b: string[] = [];
    const stopA = await db.listen('tagih_test_channel', (p) => a.push(p));
    const stopB = await db.listen('tagih_test_channel', (p) => b.push(p));
    await db.kysely
      .transaction()
      .execute(async (trx) => {
        await sql`select pg_notify('tagih_test_channel', 'rolled-back')`.execute(trx);
        throw new Error('roll back');
      })
      .catch(() => undefined);
    await sql`select pg_notify('tagih_test_channel', 'one')`.execute(db.kysely);
    expect(await next(a, (p) => p === 'one')).toBe('one');
    expect(await next(b, (p) => p === 'one')).toBe('one');
    stopA();
    await sql`select pg_notify('tagih_test_channel', 'two')`.execute(db.kysely);
    expect(await next(b, (p) => p === 'two')).toBe('two');
    stopB();
    expect(a).toEqual(['one']);
    expect(b).toEqual(['one', 'two']);
  });

  it('refuses a channel name that is not a plain identifier', async () => {
    await expect(db.listen('x; drop table users', () => {})).rejects.toThrow(/bad channel name/);
  });
});
