import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { cliTargets, runCli } from '../../../test/support/cli-db.ts';
import { bootstrap } from '../../bootstrap.ts';
import { loadKeyFile, loadKeyring, toKeyring } from '../../lib/keyring-store.ts';
import { createPiiCipher, type PiiCipher } from '../../lib/pii-cipher.ts';
import { verifyAuditChain } from '../audit/index.ts';
import type { AppDeps } from '../../app-deps.ts';
import { ENCRYPTED_COLUMNS } from './reencrypt.ts';

const NIKS = ['3174012345670001', '3578015505900002', '7371014404880003'];
const PHONES = ['+6281234567890', '+6285711112222', '+6281399887766'];
const ADDRESSES = ['Jl. Kemang Raya No. 9, Jakarta Selatan', 'Jl. Darmo No. 17, Surabaya', 'Jl. Somba Opu No. 3, Makassar'];
const MFA_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

async function seed(deps: AppDeps): Promise<void> {
  const db = deps.db.kysely;
  const c = deps.cipher;
  const creditor = await db.insertInto('creditors').values({ code: 'KSP', name: 'Koperasi Contoh' }).returning('id').executeTakeFirstOrThrow();
  for (let i = 0; i < NIKS.length; i++) {
    const d = await db
      .insertInto('debtors')
      .values({ creditor_id: creditor.id, debtor_ref: `D${i}`, full_name: `Debitur ${i}`, nik_enc: c.encrypt(NIKS[i]!), nik_hash: c.blindIndex(NIKS[i]!), birth_date_enc: c.encrypt(`199${i}-01-0${i + 1}`), timezone: 'Asia/Jakarta' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('debtor_contacts').values({ debtor_id: d.id, type: 'phone', value_enc: c.encrypt(PHONES[i]!), value_hash: c.blindIndex(PHONES[i]!) }).execute();
    await db.insertInto('debtor_addresses').values({ debtor_id: d.id, kind: 'billing', address_enc: c.encrypt(ADDRESSES[i]!), address_hash: c.blindIndex(ADDRESSES[i]!), province_code: '31', timezone: 'Asia/Jakarta' }).execute();
  }
  // One debtor without NIK: nulls must be skipped, not "re-encrypted".
  await db.insertInto('debtors').values({ creditor_id: creditor.id, debtor_ref: 'D-null', full_name: 'Tanpa NIK', timezone: 'Asia/Jakarta' }).execute();
  await db.insertInto('users').values({ username: 'sup', display_name: 'Sup', password_hash: 'x', role: 'supervisor', mfa_secret_enc: c.encrypt(MFA_SECRET), mfa_enabled: true }).execute();
}

async function envelopes(deps: AppDeps): Promise<string[]> {
  const out: string[] = [];
  for (const { table, column } of ENCRYPTED_COLUMNS) {
    const r = await sql<{ v: string }>`select ${sql.ref(column)} as v from ${sql.table(table)} where ${sql.ref(column)} is not null`.execute(deps.db.kysely);
    out.push(...r.rows.map((x) => x.v));
  }
  return out;
}

async function plaintexts(deps: AppDeps, cipher: PiiCipher) {
  const db = deps.db.kysely;
  const debtors = await db.selectFrom('debtors').select(['nik_enc', 'nik_hash', 'birth_date_enc']).where('nik_enc', 'is not', null).orderBy('debtor_ref').execute();
  const contacts = await db.selectFrom('debtor_contacts').select(['value_enc', 'value_hash']).execute();
  const addresses = await db.selectFrom('debtor_addresses').select('address_enc').execute();
  const user = await db.selectFrom('users').select('mfa_secret_enc').executeTakeFirstOrThrow();
  return {
    niks: debtors.map((d) => cipher.decrypt(d.nik_enc!)),
    nikHashes: debtors.map((d) => d.nik_hash),
    births: debtors.map((d) => cipher.decrypt(d.birth_date_enc!)),
    phones: contacts.map((x) => cipher.decrypt(x.value_enc)).sort(),
    phoneHashes: contacts.map((x) => x.value_hash).sort(),
    addresses: addresses.map((x) => cipher.decrypt(x.address_enc)).sort(),
    mfa: cipher.decrypt(user.mfa_secret_enc!),
  };
}

/** Every file under `dir`, as raw bytes. */
function allFiles(dir: string): Buffer[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? allFiles(p) : [readFileSync(p)];
  });
}

describe.each(cliTargets)('tagih keys rotate on $name', (target) => {
  it('adds k2, rewrites every envelope under it in small batches, keeps values and blind indexes, and resumes', async () => {
    const { config, cleanup } = await target.create();
    try {
      const deps = await bootstrap(config);
      await seed(deps);
      const before = await plaintexts(deps, deps.cipher);
      expect((await envelopes(deps)).every((e) => deps.cipher.keyIdOf(e) === 'k1')).toBe(true);
      await deps.db.close();

      const res = await runCli(['keys', 'rotate', '--batch-size', '2'], config);
      expect(res.code).toBe(0);
      // 3 NIK + 3 birth dates + 3 phones + 3 addresses + 1 MFA secret.
      expect(JSON.parse(res.stdout)).toEqual({ key_id: 'k2', reencrypted: 13 });
      expect(Object.keys(loadKeyFile(config).keys).sort()).toEqual(['k1', 'k2']);

      const after = await bootstrap(config);
      try {
        expect(after.cipher.activeKeyId).toBe('k2');
        const envs = await envelopes(after);
        expect(envs).toHaveLength(13);
        expect(envs.every((e) => after.cipher.keyIdOf(e) === 'k2')).toBe(true);
        // Decrypts under k2 alone: nothing still needs the old key.
        const k2Only = loadKeyFile(config);
        const onlyNew = createPiiCipher(toKeyring({ ...k2Only, keys: { k2: k2Only.keys['k2']! } }));
        expect(await plaintexts(after, onlyNew)).toEqual(before);

        for (const needle of [...NIKS, ...PHONES, 'Kemang Raya', MFA_SECRET]) {
          const dump = await sql<{ t: string }>`
            select string_agg(x, ' ') as t from (
              select row_to_json(d)::text as x from debtors d union all select row_to_json(c)::text from debtor_contacts c
              union all select row_to_json(a)::text from debtor_addresses a union all select row_to_json(u)::text from users u
              union all select row_to_json(l)::text from audit_log l) s`.execute(after.db.kysely);
          expect(dump.rows[0]!.t).not.toContain(needle);
        }
        const audit = await after.db.kysely.selectFrom('audit_log').select(['action', 'entity_id', 'details']).where('action', '=', 'keys.rotated').execute();
        expect(audit).toEqual([{ action: 'keys.rotated', entity_id: 'k2', details: expect.objectContaining({ reencrypted: 13, resumed: false }) }]);

        // An interrupted run leaves rows under the old key; --resume finishes them without a new key.
        const k1 = createPiiCipher({ ...loadKeyring(config), activeKeyId: 'k1' });
        await after.db.kysely.updateTable('debtor_contacts').set({ value_enc: k1.encrypt(PHONES[0]!) }).where('value_hash', '=', after.cipher.blindIndex(PHONES[0]!)).execute();
      } finally {
        await after.db.close();
      }

      const resumed = await runCli(['keys', 'rotate', '--resume'], config);
      expect(JSON.parse(resumed.stdout)).toEqual({ key_id: 'k2', reencrypted: 1 });
      expect(JSON.parse((await runCli(['keys', 'rotate', '--resume'], config)).stdout)).toEqual({ key_id: 'k2', reencrypted: 0 });

      const final = await bootstrap(config);
      try {
        expect((await envelopes(final)).every((e) => final.cipher.keyIdOf(e) === 'k2')).toBe(true);
        expect(await verifyAuditChain(final.db.kysely)).toMatchObject({ ok: true });
      } finally {
        await final.db.close();
      }

      if (target.name === 'pglite') {
        // The embedded database's files on disk hold no personal value in clear text.
        const files = allFiles(join(config.dataDir, 'pg'));
        expect(files.length).toBeGreaterThan(10);
        for (const needle of [...NIKS, ...PHONES, 'Kemang Raya', MFA_SECRET]) {
          expect(files.some((f) => f.includes(needle))).toBe(false);
        }
      }
    } finally {
      await cleanup();
    }
  });

  it('refuses to rotate keys that come from TAGIH_PII_KEYS (exit 1)', async () => {
    const { config, cleanup } = await target.create();
    try {
      const env = JSON.stringify(loadKeyFile({ ...config }));
      const res = await runCli(['keys', 'rotate'], { ...config, piiKeys: env });
      expect(res.code).toBe(1);
      expect(res.stderr).toMatch(/TAGIH_PII_KEYS/);
    } finally {
      await cleanup();
    }
  });
});
