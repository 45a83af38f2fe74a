import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliTargets, runCli } from '../../../test/support/cli-db.ts';
import type { AppConfig } from '../../config.ts';

describe.each(cliTargets)('tagih run daily on $name', (target) => {
  let config: AppConfig;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ config, cleanup } = await target.create());
  });
  afterAll(async () => cleanup());

  it('prints one JSON summary with counts and elapsed time, and seeds the default strategy', async () => {
    const r = await runCli(['run', 'daily', '--at', '2026-03-20T02:00:00+07:00'], config);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const s = JSON.parse(lines[0]!);
    expect(s).toMatchObject({ job: 'daily', business_date: '2026-03-20', strategy_version: 1, default_strategy_seeded: true, accounts: 0, resumed: false });
    expect(typeof s.elapsed_ms).toBe('number');
    expect(s.treatments).toMatchObject({ created: 0 });
  });

  it('answers 2 to a bad option and 1 to an instant it cannot read', async () => {
    expect((await runCli(['run', 'daily', '--page-size', '0'], config)).code).toBe(2);
    expect((await runCli(['run', 'daily', '--bogus'], config)).code).toBe(2);
    const bad = await runCli(['run', 'daily', '--at', 'yesterday'], config);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--at');
  });
});
