import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkRephrase, maskDigitRuns } from './llm-guardrails.ts';
import { REPLY_CATALOG, REPLY_KEYS, isPublicReply } from './reply-catalog.ts';
import { renderReply, stripFooter, REPLY_FOOTER } from './render-reply.ts';
import { SAMPLE_REPLY_VALUES } from './sample-reply-values.ts';

const FOOTER = REPLY_FOOTER.replace('{{creditor_name}}', 'Bank Maju');
const SAMPLE = SAMPLE_REPLY_VALUES;
const body = (key: (typeof REPLY_KEYS)[number]) => stripFooter(renderReply({ key, values: SAMPLE }, 'Bank Maju'));
const check = (original: string, candidate: string, audience: 'public' | 'verified' = 'verified') =>
  checkRephrase({ original, candidate, audience, creditorName: 'Bank Maju', footer: FOOTER });
const rules = (v: ReturnType<typeof check>) => v.map((x) => x.rule);

describe('maskDigitRuns', () => {
  it('hides NIK, phone, account and VA numbers, birth dates and e-mail, keeps short numbers', () => {
    expect(maskDigitRuns('nik sy 3174012345670001 hp 0812-3456-7890')).toBe('nik sy [angka] hp [angka]');
    expect(maskDigitRuns('lahir 15-05-1990 0001, email budi.s@gmail.com')).toBe('lahir [angka], email [angka]');
    expect(maskDigitRuns('kontrak KTA-0001 bayar 500rb tgl 25')).toBe('kontrak KTA-[angka] bayar 500rb tgl 25');
    expect(maskDigitRuns('va 8808 0012 3456 7890')).toBe('va [angka]');
  });

  it('never lets four digits in a row (with separators) through, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789 .-/,ab٣'.split('')), maxLength: 60 }), fc.string({ maxLength: 30 }), (digits, text) => {
        const masked = maskDigitRuns(`${text}${digits}${text}`);
        expect(masked).not.toMatch(/\p{Nd}(?:[.,\-/ ]?\p{Nd}){3}/u);
      }),
    );
  });
});

describe('checkRephrase', () => {
  it('accepts a faithful re-wording', () => {
    expect(check(body('balance'), 'Saat ini, sisa tagihan untuk kontrak KTA-0001 adalah Rp1.250.000. Terima kasih.')).toEqual([]);
    expect(check(body('handoff_done'), 'Baik, Anda akan kami hubungkan dengan petugas. Mohon ditunggu, petugas akan membalas di sini.', 'public')).toEqual([]);
  });

  it('refuses changed, added or dropped figures', () => {
    expect(rules(check(body('balance'), 'Sisa tagihan kontrak KTA-0001 saat ini Rp2.000.000.'))).toEqual(['figure_added', 'figure_dropped']);
    expect(rules(check(body('balance'), 'Sisa tagihan Anda saat ini Rp1.250.000.'))).toEqual(['figure_dropped']);
    expect(rules(check(body('ptp_created'), body('ptp_created') + ' Denda Rp50.000 berlaku bila terlambat.'))).toContain('figure_added');
    expect(rules(check(body('ptp_created'), body('ptp_created').replace('Sabtu, ', '')))).toContain('calendar_word_changed');
  });

  it('refuses amounts in words, invented deadlines, names, links and threats', () => {
    expect(rules(check(body('handoff_done'), 'Baik, saya sambungkan ke petugas. Sisa tagihan dua juta rupiah.', 'public'))).toContain('number_word_added');
    expect(rules(check(body('handoff_done'), 'Baik, petugas akan membalas paling lambat besok.', 'public'))).toContain('calendar_word_changed');
    expect(rules(check(body('handoff_done'), 'Baik Pak Budi, saya sambungkan Anda dengan petugas kami.', 'public'))).toEqual(['name_added', 'name_added']);
    expect(rules(check(body('handoff_done'), 'Baik, silakan buka https://bayar.example untuk petugas.', 'public'))).toContain('link_or_markup');
    expect(rules(check(body('handoff_done'), 'Baik, bayar sekarang atau kami lapor polisi.', 'public'))).toContain('compliance');
  });

  it('a public reply never gains a digit, whatever the LLM answers', () => {
    const publicBodies = REPLY_KEYS.filter(isPublicReply).map(body);
    fc.assert(
      fc.property(fc.constantFrom(...publicBodies), fc.string({ maxLength: 80 }), fc.nat({ max: 400 }), (original, noise, at) => {
        const candidate = original.slice(0, at) + noise + original.slice(at);
        if (check(original, candidate, 'public').length === 0) {
          const count = (s: string) => (s.match(/\p{Nd}/gu) ?? []).length;
          expect(count(candidate)).toBeLessThanOrEqual(count(original));
        }
      }),
    );
    fc.assert(
      fc.property(fc.constantFrom(...publicBodies), fc.integer({ min: 0, max: 9 }), (original, d) => {
        expect(rules(check(original, `${original} ${d}`, 'public'))).toContain('digit_added_to_public_reply');
      }),
    );
  });

  it('every catalogue reply passes as its own rewrite (the checks accept the identity)', () => {
    for (const key of REPLY_KEYS) expect(check(body(key), body(key), REPLY_CATALOG[key].audience), key).toEqual([]);
  });

  it('a verified reply keeps every figure: any figure the rewrite drops is caught', () => {
    fc.assert(
      fc.property(fc.constantFrom(...REPLY_KEYS.filter((k) => !isPublicReply(k))), (key) => {
        const original = body(key);
        const figures = original.match(/[\p{L}\p{N}]*\p{N}[\p{L}\p{N}]*(?:[.,\-/:][\p{L}\p{N}]+)*/gu) ?? [];
        for (const f of figures) expect(rules(check(original, original.split(f).join('beberapa')))).toContain('figure_dropped');
      }),
    );
  });
});
