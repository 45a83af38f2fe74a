import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { cliTargets, runCli } from '../../../test/support/cli-db.ts';
import { bootstrap } from '../../bootstrap.ts';
import { audit, SYSTEM_ACTOR } from './index.ts';

describe.each(cliTargets)('tagih audit verify on $name', (target) => {
  it('prints ok with the row count and last hash, then names the first edited row and exits 1', async () => {
    const { config, cleanup } = await target.create();
    try {
      const deps = await bootstrap(config);
      for (let i = 0; i < 4; i++) await audit(deps.db.kysely, { actor: SYSTEM_ACTOR, action: 'test.event', entityType: 'thing', entityId: String(i) });
      const last = await deps.db.kysely.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
      await deps.db.close();

      const good = await runCli(['audit', 'verify'], config);
      expect(good.code).toBe(0);
      expect(JSON.parse(good.stdout)).toEqual({ ok: true, rows: 4, last_hash: last.hash });

      const again = await bootstrap(config);
      const seqs = await again.db.kysely.selectFrom('audit_log').select('seq').orderBy('seq').execute();
      await sql`update audit_log set entity_id = 'forged' where seq = ${seqs[2]!.seq}`.execute(again.db.kysely);
      await again.db.close();

      const bad = await runCli(['audit', 'verify'], config);
      expect(bad.code).toBe(1);
      expect(JSON.parse(bad.stdout)).toEqual({ ok: false, rows: 2, broken_at_seq: String(seqs[2]!.seq), reason: 'hash_mismatch' });
      expect(bad.stderr).toContain(`broken at seq ${seqs[2]!.seq}`);
      expect(bad.stderr).toMatch(/edited/);
    } finally {
      await cleanup();
    }
  });
});
