import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main.ts';
import { loadConfig } from '../../config.ts';

const config = loadConfig({});

async function run(args: string[], input: string): Promise<{ code: number; out: string; err: string }> {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => { out += c.toString('utf8'); });
  stderr.on('data', (c: Buffer) => { err += c.toString('utf8'); });
  stdin.end(input);
  const code = await main(['assistant', 'classify', ...args], { stdin, stdout, stderr, config });
  return { code, out, err };
}

const parseLines = (out: string): Array<Record<string, unknown>> => out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

describe('tagih assistant classify', () => {
  it('prints one contract-shaped JSON line per utterance', async () => {
    const { code, out } = await run(['--today', '2026-11-18'], 'bsk sy tf 500rb kak\nudh tf kmrn\r\nsaya tidak pernah pinjam\n');
    expect(code).toBe(0);
    const lines = parseLines(out);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toEqual({ text: 'bsk sy tf 500rb kak', intent: 'promise_to_pay', confidence: expect.any(Number), entities: { date: '2026-11-19', amount_idr: 500000 } });
    expect(lines[1]).toMatchObject({ text: 'udh tf kmrn', intent: 'already_paid', entities: { date: '2026-11-17', amount_idr: null } });
    expect(lines[2]).toMatchObject({ intent: 'dispute' });
    for (const l of lines) {
      expect(Object.keys(l)).toEqual(['text', 'intent', 'confidence', 'entities']);
      expect(l.confidence).toBeGreaterThanOrEqual(0);
      expect(l.confidence).toBeLessThanOrEqual(1);
    }
  });

  it('skips blank lines and survives hostile input', async () => {
    const hostile = ['\u0000\u0001binary\u00ff', '<script>alert(1)</script>', `tgl 25 ${'z'.repeat(5000)}`, '"; DROP TABLE accounts; --'];
    const { code, out } = await run(['--today', '2026-11-18'], `\n   \n${hostile.join('\n')}\n\n`);
    expect(code).toBe(0);
    const lines = parseLines(out);
    expect(lines.map((l) => l.text)).toEqual(hostile);
    expect(lines.map((l) => l.intent)).toEqual(['out_of_scope', 'out_of_scope', 'out_of_scope', 'out_of_scope']);
  });

  it('streams: answers a line before stdin ends', async () => {
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    const done = main(['assistant', 'classify', '--today', '2026-11-18'], { stdin, stdout, stderr: new PassThrough(), config });
    stdin.write('halo kak\n');
    const [first] = (await once(stdout, 'data')) as [Buffer];
    expect(JSON.parse(first.toString('utf8'))).toMatchObject({ text: 'halo kak', intent: 'greeting' });
    stdin.end('makasih\n');
    expect(await done).toBe(0);
  });

  it('resolves relative dates against today in --zone by default', async () => {
    const { code, out } = await run(['--zone', 'Asia/Jayapura'], 'hari ini saya bayar\n');
    expect(code).toBe(0);
    expect(parseLines(out)[0]!.entities).toMatchObject({ date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
  });

  it.each([
    [['--today', '2026-02-30']],
    [['--today', 'tomorrow']],
    [['--zone', 'Mars/Olympus']],
    [['--bogus']],
  ])('exits 2 on bad flags %j', async (args) => {
    const { code, out, err } = await run(args, 'halo\n');
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(/tagih assistant classify/);
  });

  it('runs for real through bin/tagih.js', () => {
    const res = spawnSync(process.execPath, ['bin/tagih.js', 'assistant', 'classify', '--today', '2026-11-18'], {
      input: 'jangan telpon saya lagi\ntgl 5 des sy bayar 1,5jt\n',
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(res.status).toBe(0);
    const lines = parseLines(res.stdout);
    expect(lines[0]).toMatchObject({ intent: 'stop_contact' });
    expect(lines[1]).toMatchObject({ intent: 'promise_to_pay', entities: { date: '2026-12-05', amount_idr: 1500000 } });
  });
});

describe('tagih assistant evaluate', () => {
  it('prints held-out metrics as one JSON object', async () => {
    const stdout = new PassThrough();
    let out = '';
    stdout.on('data', (c: Buffer) => { out += c.toString('utf8'); });
    const code = await main(['assistant', 'evaluate'], { stdin: new PassThrough(), stdout, stderr: new PassThrough(), config });
    expect(code).toBe(0);
    const json = JSON.parse(out) as { accuracy: number; macro_f1: number; confusion: Record<string, Record<string, number>>; latency_ms: { p50: number; p99: number } };
    expect(json.accuracy).toBeGreaterThanOrEqual(0.9);
    expect(Object.keys(json.confusion)).toHaveLength(15);
    expect(json.latency_ms.p99).toBeGreaterThan(0);
  });
});
