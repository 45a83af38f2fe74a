import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cliTargets, runCli } from '../../../test/support/cli-db.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../../../test/fixtures/imports/${name}`, import.meta.url));
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe.each(cliTargets)('tagih import accounts on $name', (target) => {
  it('follows the contract: 0 and counts for a good file, idempotent, 1 and nothing written for a bad one', async () => {
    const { config, cleanup } = await target.create();
    try {
      const first = await runCli(['import', 'accounts', fixture('good.csv')], config);
      expect(first.code).toBe(0);
      expect(JSON.parse(first.stdout)).toEqual({ inserted: 4, updated: 0, rejected: 0, errors: [] });
      const again = await runCli(['import', 'accounts', fixture('good.csv')], config);
      expect(JSON.parse(again.stdout)).toEqual({ inserted: 0, updated: 0, rejected: 0, errors: [] });

      const bad = await runCli(['import', 'accounts', fixture('one-bad-row.csv')], config);
      expect(bad.code).toBe(1);
      const out = JSON.parse(bad.stdout);
      expect(out).toMatchObject({ inserted: 0, updated: 0, rejected: 1 });
      expect(out.errors[0]).toEqual({ row: 3, field: 'province', message: "unknown province 'Atlantis'" });
      expect(bad.stderr).toMatch(/nothing was written/);
      // The good rows of the bad file (B-1, B-3) were not written either.
      const partial = await runCli(['import', 'accounts', fixture('one-bad-row.csv'), '--allow-partial'], config);
      expect(JSON.parse(partial.stdout)).toMatchObject({ inserted: 2, rejected: 1 });
    } finally {
      await cleanup();
    }
  });

  it('answers usage errors with 2 and a missing file with 1', async () => {
    const { config, cleanup } = await target.create();
    try {
      expect((await runCli(['import', 'accounts'], config)).code).toBe(2);
      expect((await runCli(['import', 'accounts', 'a.csv', 'b.csv'], config)).code).toBe(2);
      expect((await runCli(['import', 'accounts', fixture('good.csv'), '--bogus'], config)).code).toBe(2);
      expect((await runCli(['import', 'accounts', '/nonexistent.csv'], config)).code).toBe(1);
    } finally {
      await cleanup();
    }
  });
});

describe('PII at rest in the embedded database', () => {
  it('a plain-text scan of the database files finds names but no NIK, phone, email or birth date', async () => {
    const { config, cleanup } = await cliTargets[0]!.create();
    try {
      expect((await runCli(['import', 'accounts', fixture('good.csv')], config)).code).toBe(0);
      const blobs = filesUnder(join(config.dataDir, 'pg')).map((f) => readFileSync(f).toString('latin1'));
      const found = (needle: string) => blobs.some((b) => b.includes(needle));
      expect(found('Siti Rahmawati')).toBe(true); // names are not encrypted: proves the scan sees table data
      for (const secret of ['7371024506880002', '3174011505900001', '81298765432', '81234567890', 'budi.santoso@example.co.id', '1988-06-05', 'Pettarani']) {
        expect(found(secret), secret).toBe(false);
      }
    } finally {
      await cleanup();
    }
  });
});

describe('npx tagih import accounts (real process)', () => {
  it('runs through bin/tagih.js', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tagih-spawn-'));
    const res = spawnSync(process.execPath, ['bin/tagih.js', 'import', 'accounts', fixture('semicolon.csv')], {
      cwd: repoRoot,
      env: { ...process.env, DATABASE_URL: '', TAGIH_DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
      encoding: 'utf8',
    });
    rmSync(dataDir, { recursive: true, force: true });
    expect(res.status, res.stderr).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject({ inserted: 1 });
  });
});
