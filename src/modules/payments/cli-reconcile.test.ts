import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliTargets, runCli } from '../../../test/support/cli-db.ts';
import type { AppConfig } from '../../config.ts';

const GOOD_ACCOUNTS = fileURLToPath(new URL('../../../test/fixtures/imports/good.csv', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'tagih-reconcile-'));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const STATEMENT = file(
  'stmt.csv',
  [
    'date,description,amount,reference,currency',
    '2026-11-21,SETORAN VA,450000,VA8808001234567890,IDR',
    '2026-10-31,TRF DARI SITI RAHMAWATI ANGSURAN,900000,,IDR',
    '2026-11-21,BIAYA ADM,-5000,,IDR',
    '2026-11-21,SETORAN TUNAI,123000,TT-1,IDR',
  ].join('\n'),
);
const lines = (s: string) => s.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

describe.each(cliTargets)('tagih reconcile on $name', (target) => {
  let config: AppConfig;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ config, cleanup } = await target.create());
    expect((await runCli(['import', 'accounts', GOOD_ACCOUNTS], config)).code).toBe(0);
  });
  afterAll(async () => cleanup());

  it('prints one contract line per credit, then the summary; a second run books nothing again', async () => {
    const r = await runCli(['reconcile', STATEMENT, '--format', 'csv'], config);
    expect(r.code).toBe(0);
    const out = lines(r.stdout);
    expect(out).toEqual([
      { reference: 'VA8808001234567890', amount: '450000.00', account_no: 'KTA-0001', status: 'matched', rule: 'va_reference', confidence: 1 },
      { reference: '', amount: '900000.00', account_no: 'KTA-0002', status: 'matched', rule: 'name_amount_date', confidence: 0.95 },
      { reference: 'TT-1', amount: '123000.00', account_no: null, status: 'unmatched', rule: 'none', confidence: 0 },
      { matched: 2, suggested: 0, unmatched: 1 },
    ]);
    for (const l of out.slice(0, 3)) expect(Object.keys(l)).toEqual(['reference', 'amount', 'account_no', 'status', 'rule', 'confidence']);
    const again = await runCli(['reconcile', STATEMENT], config);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(r.stdout);
    expect(again.stderr).toContain('4 of 4 line(s) were already imported; they were not booked again');
  });

  it('exits 1 naming line and field for a malformed file, printing nothing', async () => {
    const bad = file('bad.csv', 'date,description,amount\n2026-11-21,OK,1000\n2026-11-21,BAD,12x\n');
    const r = await runCli(['reconcile', bad], config);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/line 3 \(row 2\), column 'amount'.*nothing was imported/);
  });

  it.each([
    [[], 'missing FILE'],
    [['a.sta', '--format', 'xml'], "unknown format 'xml'"],
    [['a.sta', '--nope'], "Unknown option '--nope'"],
  ])('exits 2 on usage error %j', async (argv, message) => {
    const r = await runCli(['reconcile', ...argv], config);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });
});
