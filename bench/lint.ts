import { parseArgs } from 'node:util';
import { lintMessage } from '../src/domain/templates/lint.ts';
import { referenceLintMessage } from '../src/domain/templates/test-support/lint-reference.ts';

/**
 * `npm run bench -- lint [--iterations 2000]`
 *
 * µs per `lintMessage` call on rendered collection messages, compliant ones (the dispatch path)
 * and ones with findings, separately, for the optimised lint and for the straightforward reference it must
 * agree with (`src/domain/templates/test-support/lint-reference.ts`). Prints a table on stderr and one
 * JSON line on stdout.
 */
const MESSAGES: readonly string[] = [
  'Yth. Budi Santoso, tagihan Rp1.250.000 dari PT Dana Maju jatuh tempo Jumat, 20 Maret 2026. Bayar via VA 8808123456789012 atau https://pay.example/abc123. Balas BERHENTI untuk tidak menerima SMS ini.',
  'Halo Siti Rahayu, kami mengingatkan pembayaran Rp750.000 kepada PT Dana Maju paling lambat Senin, 6 April 2026. Jika sudah membayar, abaikan pesan ini. Balas BERHENTI untuk berhenti.',
  'Dear Andi Wijaya, your payment of Rp2.500.000 to PT Dana Maju is due on Friday, 20 March 2026. Pay via VA 8808123456789012. Reply STOP to opt out.',
  'Yth. Dewi, tagihan Anda dari PT Dana Maju sudah lewat 30 hari. Silakan hubungi kami untuk keringanan atau restrukturisasi. Balas BERHENTI untuk berhenti.',
  'Bayar sekarang atau kami lapor polisi dan sebar data ke tetangga, dasar b0d0h! PT Dana Maju. Balas BERHENTI.',
];

const options = { channel: 'sms', language: 'id', creditorName: 'PT Dana Maju' } as const;

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { iterations: { type: 'string', default: '2000' } } });
  const iterations = Number(values.iterations);
  const log = (s: string) => process.stderr.write(`${s}\n`);

  for (const m of MESSAGES) {
    if (JSON.stringify(lintMessage(m, options)) !== JSON.stringify(referenceLintMessage(m, options))) throw new Error(`lint disagrees with the reference on ${JSON.stringify(m)}`);
  }
  const clean = MESSAGES.filter((m) => lintMessage(m, options).ok);
  const dirty = MESSAGES.filter((m) => !lintMessage(m, options).ok);
  const time = (lint: typeof lintMessage, texts: readonly string[]): number => {
    for (let i = 0; i < 200; i++) lint(texts[i % texts.length]!, options); // warm-up
    const t0 = performance.now();
    for (let i = 0; i < iterations; i++) lint(texts[i % texts.length]!, options);
    return ((performance.now() - t0) * 1000) / iterations;
  };
  const us = (x: number) => Number(x.toFixed(1));
  const result = {
    bench: 'lint',
    iterations,
    chars_per_message: Math.round(MESSAGES.reduce((n, m) => n + m.length, 0) / MESSAGES.length),
    clean: { reference_us_per_lint: us(time(referenceLintMessage, clean)), us_per_lint: us(time(lintMessage, clean)) },
    with_findings: { reference_us_per_lint: us(time(referenceLintMessage, dirty)), us_per_lint: us(time(lintMessage, dirty)) },
  };
  log(`compliant messages: reference ${result.clean.reference_us_per_lint} µs → ${result.clean.us_per_lint} µs per lint`);
  log(`messages with findings: reference ${result.with_findings.reference_us_per_lint} µs → ${result.with_findings.us_per_lint} µs per lint`);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
