import { execFile } from 'node:child_process';
import { PassThrough, Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main.ts';
import { loadConfig } from '../../config.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const FIXTURES = 'test/fixtures/statements';

async function cli(argv: string[], stdin = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on('data', (c: Buffer) => out.push(c.toString()));
  stderr.on('data', (c: Buffer) => err.push(c.toString()));
  const cwd = process.cwd();
  process.chdir(ROOT);
  try {
    const code = await main(['statement', 'parse', ...argv], { stdin: Readable.from([stdin]), stdout, stderr, config: loadConfig({}) });
    return { code, stdout: out.join(''), stderr: err.join('') };
  } finally {
    process.chdir(cwd);
  }
}

const lines = (stdout: string): Record<string, unknown>[] =>
  stdout
    .trim()
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('tagih statement parse', () => {
  it('prints one contract line per MT940 transaction, keys in contract order', async () => {
    const r = await cli([`${FIXTURES}/mt940-mandiri-idr.sta`]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const out = lines(r.stdout);
    expect(out).toHaveLength(4);
    for (const line of out) expect(Object.keys(line)).toEqual(['date', 'entry_date', 'amount', 'currency', 'direction', 'reference', 'description']);
    expect(r.stdout.split('\n')[0]).toBe(
      '{"date":"2025-01-02","entry_date":"2025-01-02","amount":"1250000.00","currency":"IDR","direction":"credit","reference":"VA8808123456789","description":"TRF 0123456789 BUDI SANTOSO CICILAN NOV"}',
    );
  });

  it('decodes a Latin-1 file', async () => {
    const r = await cli([`${FIXTURES}/mt940-de-structured-latin1.sta`, '--format', 'mt940']);
    expect(r.code).toBe(0);
    expect(lines(r.stdout)[1]!.description).toContain('Rechnung 4410 Müller');
  });

  it('reads CSV with auto-detected and explicit presets', async () => {
    const auto = await cli([`${FIXTURES}/csv-bca.csv`]);
    const explicit = await cli([`${FIXTURES}/csv-bca.csv`, '--format', 'csv', '--preset', 'bca']);
    expect(auto.code).toBe(0);
    expect(explicit.stdout).toBe(auto.stdout);
    expect(lines(auto.stdout).map((l) => [l.direction, l.amount, l.entry_date])).toEqual([
      ['credit', '1250000.00', null],
      ['debit', '15000.00', null],
      ['credit', '750000.00', null],
    ]);
  });

  it('reads the statement from stdin with FILE -', async () => {
    const r = await cli(['-'], 'date,description,amount\n2025-01-02,x,-1.500\n');
    expect(r.code).toBe(0);
    expect(lines(r.stdout)).toEqual([{ date: '2025-01-02', entry_date: null, amount: '1500.00', currency: 'IDR', direction: 'debit', reference: '', description: 'x' }]);
  });

  it('exits 1 with the line and field, printing nothing on stdout, for a malformed file', async () => {
    const r = await cli([`${FIXTURES}/malformed/mt940-balance-mismatch.sta`]);
    expect(r).toEqual({
      code: 1,
      stdout: '',
      stderr: 'tagih statement parse: line 7, field :62F:: closing balance 16250001.00 IDR does not match opening 15000000.00 + credits − debits = 16250000.00\n',
    });
  });

  it('exits 1 when the CSV preset does not fit the file', async () => {
    const r = await cli([`${FIXTURES}/csv-mandiri.csv`, '--preset', 'bca']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/no header row found for preset \(bca:/);
  });

  it('exits 1 when the file cannot be read', async () => {
    const r = await cli([`${FIXTURES}/does-not-exist.sta`]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('cannot read test/fixtures/statements/does-not-exist.sta: ENOENT');
  });

  it.each([
    [[], 'missing FILE'],
    [['a.sta', 'b.sta'], 'expected one FILE, got 2'],
    [['a.sta', '--format', 'xml'], "unknown format 'xml' (expected mt940 or csv)"],
    [['a.csv', '--preset', 'bni'], "unknown preset 'bni' (known: generic, bca, mandiri)"],
    [['a.sta', '--format', 'mt940', '--preset', 'bca'], '--preset applies to CSV statements only'],
    [['a.sta', '--bogus'], "Unknown option '--bogus'"],
  ])('exits 2 on usage error %j', async (argv, message) => {
    const r = await cli(argv);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
  });

  it('runs for real through bin/tagih.js', async () => {
    const run = promisify(execFile);
    const ok = await run('node', ['bin/tagih.js', 'statement', 'parse', `${FIXTURES}/mt940-year-end.sta`], { cwd: ROOT });
    expect(lines(ok.stdout).map((l) => [l.date, l.entry_date, l.direction, l.amount])).toEqual([
      ['2025-12-31', '2026-01-02', 'credit', '2000000.00'],
      ['2026-01-02', '2025-12-31', 'debit', '15000.00'],
    ]);
    const bad = await run('node', ['bin/tagih.js', 'statement', 'parse', `${FIXTURES}/malformed/mt940-balance-mismatch.sta`], { cwd: ROOT }).then(
      () => ({ code: 0, stdout: '', stderr: '' }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
    expect([bad.code, bad.stdout]).toEqual([1, '']);
    expect(bad.stderr).toContain('line 7, field :62F:');
  });
});
