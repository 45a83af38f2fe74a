import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testDatabases } from '../../../test/support/databases.ts';
import type { Db } from '../../db/connection.ts';
import { audit, verifyAuditChain, SYSTEM_ACTOR } from './index.ts';

describe.each(testDatabases)('audit chain on $name', (target) => {
  let db: Db;
  beforeAll(async () => {
    db = await target.open();
  });
  afterAll(async () => db.close());

  it('verifies an intact chain, then reports the first edited row and the row after a deletion', async () => {
    for (let i = 0; i < 5; i++) {
      await audit(db.kysely, { actor: SYSTEM_ACTOR, action: 'test.write', entityType: 'thing', entityId: String(i), details: { i, nested: { b: 2, a: 1 } } });
    }
    const intact = await verifyAuditChain(db.kysely);
    expect(intact).toMatchObject({ ok: true, rows: 5 });

    const rows = await db.kysely.selectFrom('audit_log').select('seq').orderBy('seq').execute();
    const third = rows[2]!.seq;
    await sql`update audit_log set reason = 'edited' where seq = ${third}`.execute(db.kysely);
    expect(await verifyAuditChain(db.kysely)).toMatchObject({ ok: false, brokenAtSeq: String(third), reason: 'hash_mismatch' });
    await sql`update audit_log set reason = null where seq = ${third}`.execute(db.kysely);
    expect(await verifyAuditChain(db.kysely)).toMatchObject({ ok: true });

    await sql`delete from audit_log where seq = ${rows[1]!.seq}`.execute(db.kysely);
    expect(await verifyAuditChain(db.kysely)).toMatchObject({ ok: false, brokenAtSeq: String(rows[2]!.seq), reason: 'prev_hash_mismatch' });
  });

  it('keeps one chain when writers race', async () => {
    await sql`truncate audit_log`.execute(db.kysely);
    await Promise.all(Array.from({ length: 20 }, (_, i) => audit(db.kysely, { actor: SYSTEM_ACTOR, action: 'race', entityType: 't', entityId: String(i) })));
    expect(await verifyAuditChain(db.kysely)).toMatchObject({ ok: true, rows: 20 });
  });
});
