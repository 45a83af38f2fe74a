import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractAmountIdr, MAX_AMOUNT_IDR } from './extract-amount.ts';
import { normalizeUtterance } from './normalize-utterance.ts';
import { formatNumberWords } from './number-words.ts';

const amount = (s: string): bigint | null => extractAmountIdr(normalizeUtterance(s).tokens);

describe('extractAmountIdr', () => {
  it.each([
    ['500rb', 500_000n], ['500 ribu', 500_000n], ['500k', 500_000n], ['1,5 juta', 1_500_000n], ['1.5jt', 1_500_000n],
    ['2jt', 2_000_000n], ['Rp1.250.000,00', 1_250_000n], ['2.500.000', 2_500_000n], ['rp 750.000', 750_000n],
    ['dua ratus ribu', 200_000n], ['satu juta lima ratus ribu', 1_500_000n], ['setengah juta', 500_000n], ['sejuta', 1_000_000n],
    ['Rp. 50.000', 50_000n], ['Rp 1,250,000.00', 1_250_000n], ['IDR 300000', 300_000n], ['seratus ribu rupiah', 100_000n],
    ['bayar 150000', 150_000n], ['1 juta 500 ribu', 1_500_000n], ['2jt 300rb', 2_300_000n], ['1jt 250', 1_250_000n],
    ['besok sy tf 500rb ya kak', 500_000n], ['Rp 99,50', 99n],
  ])('%s → %s', (text, value) => {
    expect(amount(text)).toBe(value);
  });

  it.each([
    'tanggal 25', 'tgl 5 des', '5 desember', '25/12', '25-12-2026', '3 hari lagi', 'dua hari lagi', 'diskon 50%', 'cicilan ke 5',
    'hubungi 0812-3456-7890', '081234567890', '+6281234567890', 'no va 8808123456789', 'rekening 1234567890', 'tahun 2026',
    'jam 10.00', 'besok', 'angsuran 12 bulan', 'saya mau bayar', 'dua puluh lima', '1,5',
  ])('%s is not an amount', (text) => {
    expect(amount(text)).toBeNull();
  });

  it('takes the first amount when several are given', () => {
    expect(amount('saya cuma pinjam 500rb kok ditagih 2jt')).toBe(500_000n);
    expect(amount('tgl 25/12 bayar 1 juta')).toBe(1_000_000n);
  });

  it('refuses amounts too large to print exactly as a JSON number', () => {
    expect(amount('rp 2.000.000.000.000.000')).toBeNull();
    expect(Number(MAX_AMOUNT_IDR)).toBeLessThan(Number.MAX_SAFE_INTEGER);
  });

  const grouped = (n: bigint, sep: string): string => n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, sep);

  it('reads back the same value from every written form', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1_000n, max: 999_999_999_999n }), fc.constantFrom('bayar', 'tf', 'saya transfer', ''), (n, lead) => {
        const forms = [
          `Rp${grouped(n, '.')}`, `rp ${grouped(n, '.')},00`, `Rp ${grouped(n, ',')}.00`, `IDR ${n}`, `${n} rupiah`, formatNumberWords(n),
        ];
        if (n >= 10_000n) forms.push(grouped(n, '.'));
        if (n >= 10_000n && n < 10_000_000_000n && !n.toString().startsWith('62')) forms.push(`${n}`);
        if (n % 1000n === 0n) forms.push(`${n / 1000n}rb`, `${n / 1000n} ribu`, `${n / 1000n}k`);
        if (n % 100_000n === 0n && n >= 1_000_000n) {
          const whole = n / 1_000_000n;
          const tenth = (n / 100_000n) % 10n;
          forms.push(tenth === 0n ? `${whole}jt` : `${whole},${tenth} juta`, tenth === 0n ? `${whole} juta` : `${whole}.${tenth}jt`);
        }
        for (const form of forms) expect([form, amount(`${lead} ${form}`.trim())]).toEqual([form, n]);
      }),
      { numRuns: 400 },
    );
  });

  it('never reads an Indonesian phone number as money', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{7,10}$/), fc.constantFrom('0', '+62', '62'), fc.boolean(), (rest, prefix, dashed) => {
        const digits = `8${rest}`;
        const body = dashed ? `${digits.slice(0, 3)}-${digits.slice(3, 7)}-${digits.slice(7)}` : digits;
        expect(amount(`hubungi ${prefix}${body}`)).toBeNull();
      }),
    );
  });
});
