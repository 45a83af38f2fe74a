import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatNumberWords, parseNumberWords } from './number-words.ts';

const parse = (s: string) => parseNumberWords(s.split(' '), 0);

describe('parseNumberWords', () => {
  it.each([
    ['satu juta lima ratus ribu', 1_500_000n],
    ['dua ratus ribu', 200_000n],
    ['setengah juta', 500_000n],
    ['dua setengah juta', 2_500_000n],
    ['sejuta', 1_000_000n],
    ['seribu lima ratus', 1_500n],
    ['tujuh belas ribu', 17_000n],
    ['dua puluh lima', 25n],
    ['sebelas', 11n],
  ])('%s = %s', (text, value) => {
    expect(parse(text)?.value).toBe(value);
  });

  it('stops at the first word that is not part of the number', () => {
    expect(parse('tiga hari lagi')).toEqual({ value: 3n, end: 1, scaled: false });
    expect(parse('dua juta tiga')?.value).toBe(2_000_003n);
  });

  it('rejects non-numbers, dangling halves and increasing scales', () => {
    expect(parse('besok')).toBeNull();
    expect(parse('setengah hari')).toBeNull();
    expect(parse('dua ribu tiga juta')?.value).toBe(2_003n); // `juta` after `ribu` does not belong to this number
  });

  it('round-trips every integer below 10^15 through its written form', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 999_999_999_999_999n }), (n) => {
        const words = formatNumberWords(n).split(' ');
        expect(parseNumberWords(words, 0)).toEqual({ value: n, end: words.length, scaled: n >= 1000n });
      }),
      { numRuns: 1000 },
    );
  });
});
