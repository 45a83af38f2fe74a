import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliTargets, runCli } from '../../test/support/cli-db.ts';
import { bundledMigrations } from './migrate.ts';

describe.each(cliTargets)('tagih migrate on $name', (target) => {
  it('applies every migration on an empty database, then nothing', async () => {
    const { config, cleanup } = await target.create();
    try {
      const first = await runCli(['migrate'], config);
      expect(first.code).toBe(0);
      expect(JSON.parse(first.stdout)).toEqual({ applied: bundledMigrations().map((m) => m.name) });
      expect(JSON.parse(first.stdout).applied).toContain('0002_security.sql');
      const second = await runCli(['migrate'], config);
      expect(JSON.parse(second.stdout)).toEqual({ applied: [] });
    } finally {
      await cleanup();
    }
  });

  it('exits 2 on an unknown flag', async () => {
    const { config, cleanup } = await target.create();
    try {
      expect((await runCli(['migrate', '--force'], config)).code).toBe(2);
    } finally {
      await cleanup();
    }
  });
});

describe('npx tagih migrate / audit verify as a process', () => {
  it('runs through bin/tagih.js against the embedded database', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tagih-bin-'));
    try {
      const env: NodeJS.ProcessEnv = { ...process.env, TAGIH_DATA_DIR: dir, LOG_LEVEL: 'silent' };
      delete env['DATABASE_URL'];
      const m = spawnSync(process.execPath, ['bin/tagih.js', 'migrate'], { env, encoding: 'utf8' });
      expect(m.status).toBe(0);
      expect(JSON.parse(m.stdout)).toEqual({ applied: bundledMigrations().map((x) => x.name) });
      const v = spawnSync(process.execPath, ['bin/tagih.js', 'audit', 'verify'], { env, encoding: 'utf8' });
      expect(v.status).toBe(0);
      expect(JSON.parse(v.stdout)).toEqual({ ok: true, rows: 0, last_hash: '0'.repeat(64) });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
