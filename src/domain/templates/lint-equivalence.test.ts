import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../contact-policy/channels.ts';
import { ID_PREFIXES, ID_SUFFIXES, LEXICON } from './lexicon.ts';
import { lintMessage } from './lint.ts';
import { normalizeForLint } from './normalize.ts';
import { referenceLintMessage } from './test-support/lint-reference.ts';
import { referenceNormalizeForLint } from './test-support/normalize-reference.ts';

/**
 * The optimised lint (precompiled alternations, array-based normaliser) must give exactly the
 * findings of the straightforward reference: same rules, same quoted text, same order.
 */

const LEET_OUT: Readonly<Record<string, readonly string[]>> = { o: ['0'], i: ['1'], e: ['3'], a: ['4', '@'], s: ['5', '$'], t: ['7'] };

/** A lexicon term disguised the ways the normaliser undoes (and some it does not). */
const disguised: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom(...LEXICON.map((e) => e.term)),
    fc.option(fc.constantFrom(...ID_PREFIXES), { nil: '' }),
    fc.array(fc.constantFrom(...ID_SUFFIXES), { maxLength: 2 }),
    fc.constantFrom('plain', 'upper', 'title', 'leet', 'star', 'spaced', 'dotted', 'repeat', 'accent', 'glued'),
    fc.nat(),
  )
  .map(([term, prefix, suffixes, style, seed]) => {
    const word = `${prefix}${term}${suffixes.join('')}`;
    const chars = [...word];
    const pick = (i: number) => (seed >> i % 16) & 1;
    switch (style) {
      case 'plain':
        return word;
      case 'upper':
        return word.toUpperCase();
      case 'title':
        return word.replace(/\b\w/g, (c) => c.toUpperCase());
      case 'leet':
        return chars.map((c, i) => (pick(i) && LEET_OUT[c] ? LEET_OUT[c][seed % LEET_OUT[c].length] : c)).join('');
      case 'star':
        return chars.map((c, i) => (pick(i) && 'aeiou'.includes(c) ? '*' : c)).join('');
      case 'spaced':
        return chars.join(' ');
      case 'dotted':
        return chars.join(pick(0) ? '.' : pick(1) ? '-' : '_');
      case 'repeat':
        return chars.map((c, i) => (pick(i) ? c.repeat(2 + (seed % 3)) : c)).join('');
      case 'accent':
        return chars.map((c, i) => (pick(i) && 'aeiou'.includes(c) ? `${c}\u0301` : c)).join('');
      default:
        return `x${word}${seed % 10}`; // glued to other word characters: must not match
    }
  });

const safe = fc.constantFrom('Halo', 'Bapak', 'tagihan', 'Anda', 'Rp1.250.000', 'Jumat, 20 Maret 2026', 'VA 8808123456789012', 'PT Dana Maju', '{{creditor_name}}', 'Balas BERHENTI', 'Reply STOP', 'semalu', 'buih', 'pukul 20.00', 'İstanbul', 'ﬁnance', '😀', 'Ünal');
const noise = fc.string({ unit: 'grapheme', maxLength: 12 });
const separator = fc.constantFrom(' ', ', ', '. ', '\n', '!', '-', ' * ', '');
const text = fc.array(fc.tuple(fc.oneof({ weight: 3, arbitrary: disguised }, { weight: 3, arbitrary: safe }, { weight: 1, arbitrary: noise }), separator), { maxLength: 10 }).map((parts) => parts.map(([w, s]) => w + s).join(''));
const options = fc.record({
  channel: fc.constantFrom(...CHANNELS),
  language: fc.constantFrom('id' as const, 'en' as const),
  creditorName: fc.option(fc.constantFrom('PT Dana Maju', '  PT Dana Maju ', 'Dana', '', 'K0p3r4si'), { nil: undefined }),
});

describe('optimised lint equals the reference implementation', () => {
  it('normalizeForLint gives the same text and source map (property)', () => {
    fc.assert(
      fc.property(fc.oneof(text, fc.string({ unit: 'grapheme', maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 60 })), (s) => {
        expect(normalizeForLint(s)).toEqual(referenceNormalizeForLint(s));
      }),
      { numRuns: 500 },
    );
  });

  it('lintMessage gives the same findings in the same order (property)', () => {
    fc.assert(
      fc.property(text, options, (s, o) => {
        expect(lintMessage(s, o)).toEqual(referenceLintMessage(s, o));
      }),
      { numRuns: 500 },
    );
  });

  it('the generator does produce findings, so the comparison is not vacuous', () => {
    const samples = fc.sample(text, { numRuns: 300, seed: 42 });
    const withFindings = samples.filter((s) => lintMessage(s, { channel: 'voice', language: 'id' }).violations.some((v) => v.rule !== 'missing_creditor_identity'));
    expect(withFindings.length).toBeGreaterThan(50);
  });

  it('agrees on every lexicon term in every disguise the normaliser handles', () => {
    for (const { term } of LEXICON) {
      for (const s of [term, term.toUpperCase(), [...term].join(' '), [...term].join('.'), term.replace(/[aeiou]/, '*'), term.replace(/o/g, '0').replace(/i/g, '1'), term.replace(/(.)/, '$1$1$1')]) {
        const o = { channel: 'sms' as const, language: 'id' as const };
        expect(lintMessage(s, o)).toEqual(referenceLintMessage(s, o));
      }
    }
  });
});
