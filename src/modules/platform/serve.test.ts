import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

describe('npm start (tagih serve) on a fresh data directory', () => {
  it('seeds demo users and a portfolio, serves the API, and stops cleanly on SIGTERM', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tagih-serve-'));
    const child = spawn(process.execPath, ['bin/tagih.js', 'serve'], {
      cwd: repoRoot,
      env: { ...process.env, DATABASE_URL: '', TAGIH_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', TAGIH_DEMO_ACCOUNTS: '60', LOG_LEVEL: 'warn' },
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`server did not start:\n${stderr}`)), 90_000);
        child.stderr.on('data', () => {
          const m = /running at (http:\/\/[^\s]+)/.exec(stderr);
          if (m) {
            clearTimeout(timer);
            resolve(m[1]!);
          }
        });
        child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${stderr}`)));
      });
      expect(stderr).toContain('agent1');
      expect(stderr).toMatch(/demo portfolio: 60 accounts/);
      expect(await (await fetch(`${url}/readyz`)).json()).toEqual({ status: 'ready', database: 'pglite' });

      const login = await fetch(`${url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'agent1', password: 'tagih-agent1-demo' }),
      });
      expect(login.status).toBe(200);
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
      const accounts = (await (await fetch(`${url}/api/v1/accounts`, { headers: { cookie } })).json()) as { items: { assigned_username: string }[] };
      expect(accounts.items.length).toBeGreaterThan(0);
      // An agent sees the accounts of their team (Desk Jakarta: agent1 and agent2), nobody else's.
      for (const a of accounts.items) expect(['agent1', 'agent2']).toContain(a.assigned_username);

      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
