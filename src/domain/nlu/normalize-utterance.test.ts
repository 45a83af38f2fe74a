import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_NORMALIZED_INPUT, normalizeUtterance } from './normalize-utterance.ts';

const norm = (s: string): string => normalizeUtterance(s).text;

describe('normalizeUtterance', () => {
  it('maps chat slang and abbreviations to standard words', () => {
    expect(norm('Udh TF kmrn kak')).toBe('sudah transfer kemarin');
    expect(norm('sy gk bs byr skrg')).toBe('saya tidak bisa bayar sekarang');
    expect(norm('brp tgl jth tempo?')).toBe('berapa tanggal jatuh tempo');
    expect(norm('gmn caranya, blm paham')).toBe('bagaimana caranya belum paham');
    expect(norm('bsk kpn? pengen bayar')).toBe('besok kapan ingin bayar');
  });

  it('drops particles and terms of address', () => {
    expect(norm('cek tagihan dong min')).toBe('cek tagihan');
    expect(norm('iya nih kak, makasih ya')).toBe('iya terima kasih');
  });

  it('squeezes repeated letters and expands reduplication', () => {
    expect(norm('halooo kakk pagii')).toBe('halo pagi');
    expect(norm('makasihhh')).toBe('terima kasih');
    expect(norm('petugasnya marah2')).toBe('petugasnya marah marah');
    expect(norm('wkwkwk')).toBe('tertawa');
  });

  it('keeps numbers whole and splits units glued to them', () => {
    expect(norm('Rp1.250.000,00')).toBe('rp 1.250.000,00');
    expect(norm('500rb')).toBe('500 ribu');
    expect(norm('1,5jt')).toBe('1,5 juta');
    expect(norm('500k')).toBe('500 ribu');
    expect(norm('tgl5 des')).toBe('tanggal 5 des');
    expect(norm('25/12/2026')).toBe('25/12/2026');
    expect(norm('diskon 50%')).toBe('diskon 50 persen');
  });

  it('reads `jt` as jatuh tempo unless it follows a number', () => {
    expect(norm('kapan jt saya')).toBe('kapan jatuh tempo saya');
    expect(norm('2jt')).toBe('2 juta');
  });

  it('removes markup punctuation, control and zero-width characters', () => {
    expect(norm('<script>alert(1)</script>')).toBe('script alert 1 script');
    expect(norm('bayar\u0000cicilan\u200b')).toBe('bayar cicilan');
    expect(norm('ＴＦ')).toBe('transfer'); // full-width letters via NFKC
  });

  it('only looks at the first MAX_NORMALIZED_INPUT characters', () => {
    const long = `${'a '.repeat(MAX_NORMALIZED_INPUT)}besok`;
    expect(normalizeUtterance(long).tokens).not.toContain('besok');
  });

  it('is total and idempotent on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
        const once = normalizeUtterance(s);
        expect(once.tokens.every((t) => t.length > 0 && !/\s/.test(t))).toBe(true);
        expect(once.text).toBe(once.tokens.join(' '));
        expect(norm(once.text)).toBe(once.text);
      }),
      { numRuns: 500 },
    );
  });

  it('is idempotent on chat-like text', () => {
    const word = fc.constantFrom('udh', 'tf', 'sy', 'kak', 'brp', '500rb', '1,5jt', 'jt', 'halooo', 'marah2', 'tgl', '25/12', 'no', 'va', 'x', 'k');
    fc.assert(
      fc.property(fc.array(word, { maxLength: 12 }), (words) => {
        const once = norm(words.join(' '));
        expect(norm(once)).toBe(once);
      }),
    );
  });
});
