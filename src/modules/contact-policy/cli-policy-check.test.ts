import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main.ts';
import { loadConfig } from '../../config.ts';
import { ID_OJK_POLICY } from '../../domain/contact-policy/index.ts';

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  const code = await main(['policy', 'check', ...argv], { stdin: new PassThrough(), stdout, stderr, config: loadConfig({}) });
  return { code, out, err };
}

const json = (out: string): unknown => JSON.parse(out);

describe('tagih policy check (in-process)', () => {
  it('blocks a Sunday with next Monday 08:00 local', async () => {
    const r = await run(['--zone', 'Asia/Jakarta', '--at', '2026-11-22T10:00:00+07:00']);
    expect(r.code).toBe(0);
    expect(r.out).toBe('{"allowed":false,"reasons":["non_working_day"],"next_allowed_at":"2026-11-23T01:00:00Z"}\n');
  });

  it('blocks Independence Day 2026', async () => {
    const r = await run(['--zone', 'Asia/Jakarta', '--at', '2026-08-17T03:00:00Z', '--channel', 'voice']);
    expect(json(r.out)).toEqual({ allowed: false, reasons: ['national_holiday'], next_allowed_at: '2026-08-18T01:00:00Z' });
  });

  it('allows 19:59 WIT and blocks 20:00 WIT', async () => {
    expect(json((await run(['--zone', 'Asia/Jayapura', '--at', '2026-11-23T10:59:00Z'])).out)).toEqual({ allowed: true, reasons: [], next_allowed_at: null });
    expect(json((await run(['--zone', 'Asia/Jayapura', '--at', '2026-11-23T11:00:00Z'])).out)).toEqual({
      allowed: false,
      reasons: ['outside_hours'],
      next_allowed_at: '2026-11-23T23:00:00Z',
    });
  });

  it('blocks 07:59 WITA with next 08:00 WITA = 00:00Z', async () => {
    const r = await run(['--zone', 'Asia/Makassar', '--at', '2026-11-23T07:59:00+08:00', '--channel', 'field']);
    expect(json(r.out)).toEqual({ allowed: false, reasons: ['outside_hours'], next_allowed_at: '2026-11-23T00:00:00Z' });
  });

  it('reads an instant without offset as wall time in --zone', async () => {
    const r = await run(['--zone', 'Asia/Makassar', '--at', '2026-11-23T07:59']);
    expect(json(r.out)).toEqual({ allowed: false, reasons: ['outside_hours'], next_allowed_at: '2026-11-23T00:00:00Z' });
  });

  it('supports the us-reg-f preset and a policy file', async () => {
    expect(json((await run(['--zone', 'America/New_York', '--at', '2026-11-22T15:00:00-05:00', '--preset', 'us-reg-f'])).out)).toMatchObject({ allowed: true });
    const dir = await mkdtemp(join(tmpdir(), 'tagih-policy-'));
    const file = join(dir, 'policy.json');
    await writeFile(file, JSON.stringify({ ...ID_OJK_POLICY, allowedWeekdays: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] }));
    expect(json((await run(['--zone', 'Asia/Jakarta', '--at', '2026-11-22T10:00:00+07:00', '--policy', file])).out)).toMatchObject({ allowed: true });
  });

  it('rejects a bad policy file with the field and reason (exit 1)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tagih-policy-'));
    const file = join(dir, 'bad.json');
    await writeFile(file, JSON.stringify({ ...ID_OJK_POLICY, caps: { ...ID_OJK_POLICY.caps, totalPerDay: -2 } }));
    const r = await run(['--zone', 'Asia/Jakarta', '--at', '2026-11-23T10:00:00+07:00', '--policy', file]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('caps.totalPerDay: must not be negative');
    expect(r.out).toBe('');
  });

  it.each([
    [['--zone', 'Mars/Olympus', '--at', '2026-11-23T10:00:00Z'], '--zone'],
    [['--zone', 'local', '--at', '2026-11-23T10:00:00Z'], '--zone'],
    [['--zone', 'Asia/Jakarta', '--at', 'next tuesday'], '--at'],
    [['--zone', 'Asia/Jakarta', '--at', '2026-11-23T10:00:00Z', '--channel', 'fax'], '--channel'],
    [['--zone', 'Asia/Jakarta', '--at', '2026-11-23T10:00:00Z', '--purpose', 'harass'], '--purpose'],
    [['--zone', 'Asia/Jakarta', '--at', '2026-11-23T10:00:00Z', '--preset', 'eu'], '--preset'],
  ])('rejects a bad flag value with exit 1: %j', async (argv, flag) => {
    const r = await run(argv);
    expect(r.code).toBe(1);
    expect(r.err).toContain(flag);
    expect(r.out).toBe('');
  });

  it.each([
    [['--at', '2026-11-23T10:00:00Z']],
    [['--zone', 'Asia/Jakarta']],
    [['--zone', 'Asia/Jakarta', '--at', '2026-11-23T10:00:00Z', '--colour', 'red']],
    [['--zone', 'Asia/Jakarta', '--at', '2026-11-23T10:00:00Z', 'extra']],
  ])('treats a missing or unknown flag as usage (exit 2): %j', async (argv) => {
    const r = await run(argv);
    expect(r.code).toBe(2);
    expect(r.err).toContain('usage: tagih policy check');
  });
});

describe('tagih policy check (spawned)', () => {
  it('runs through bin/tagih.js', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['bin/tagih.js', 'policy', 'check', '--zone', 'Asia/Makassar', '--at', '2026-11-22T23:59:00Z'],
      { cwd: join(import.meta.dirname, '../../..') },
    );
    expect(JSON.parse(stdout)).toEqual({ allowed: false, reasons: ['outside_hours'], next_allowed_at: '2026-11-23T00:00:00Z' });
  });

  it('exits 1 on an unknown zone', async () => {
    const child = promisify(execFile)(process.execPath, ['bin/tagih.js', 'policy', 'check', '--zone', 'Nowhere/Town', '--at', '2026-11-23T00:00:00Z'], {
      cwd: join(import.meta.dirname, '../../..'),
    });
    await expect(child).rejects.toMatchObject({ code: 1 });
  });
});
