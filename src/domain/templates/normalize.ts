/**
 * Text prepared for lexicon matching, with a map back to the original so a violation can
 * quote exactly what the author wrote.
 */
export interface NormalizedText {
  readonly text: string;
  /** `sources[i]` is the index in the original string of normalized character `i`. */
  readonly sources: readonly number[];
}

// Digits and symbols that stand in for letters in evasive spellings ("p0lis1", "b@ngsat").
const LEET: Readonly<Record<string, string>> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's' };

const LETTER = /^\p{L}$/u;
const WORD = /^[\p{L}\p{N}@$*]$/u;
const MARK = /^\p{M}$/u;

/** Character classes, per normalized character. ASCII is decided by code, the rest by Unicode property. */
const F_LETTER = 1;
const F_WORD = 2;
const F_SPACER = 4;

function flagsOf(c: string): number {
  const code = c.charCodeAt(0);
  if (c.length === 1 && code < 0x80) {
    if (code >= 0x61 && code <= 0x7a) return F_LETTER | F_WORD; // a-z (input is lower-cased)
    if (code >= 0x41 && code <= 0x5a) return F_LETTER | F_WORD; // A-Z cannot occur, kept for safety
    if ((code >= 0x30 && code <= 0x39) || c === '@' || c === '$' || c === '*') return F_WORD;
    // Separators that may sit between spaced-out letters: "p e n j a r a", "p.e.n.j.a.r.a".
    return c === ' ' || c === '.' || c === '-' || c === '_' ? F_SPACER : 0;
  }
  return (LETTER.test(c) ? F_LETTER : 0) | (WORD.test(c) ? F_WORD : 0);
}

/**
 * Lower-cases, strips accents, undoes leetspeak inside words that contain letters (so
 * amounts and phone numbers stay numbers), joins letters spaced out to dodge a filter,
 * and squeezes repeated letters ("anjiiing" → "anjing"). The lexicon goes through the
 * same function, so squeezing cannot create a mismatch.
 *
 * Runs once per rendered message in the dispatch path, so it works on parallel arrays of
 * characters and flags (no per-character objects or regex tests for ASCII, which is almost
 * all real text); `test-support/normalize-reference.ts` is the plain version it must equal.
 */
export function normalizeForLint(input: string): NormalizedText {
  // 1. Characters: NFKD + lower case per code point, combining marks dropped.
  const chs: string[] = [];
  const srcs: number[] = [];
  const flags: number[] = [];
  for (let i = 0; i < input.length; ) {
    const code = input.charCodeAt(i);
    if (code < 0x80) {
      const c = code >= 0x41 && code <= 0x5a ? String.fromCharCode(code + 32) : input[i]!;
      chs.push(c);
      srcs.push(i);
      flags.push(flagsOf(c));
      i++;
      continue;
    }
    const cp = String.fromCodePoint(input.codePointAt(i)!);
    for (const c of cp.normalize('NFKD').toLowerCase()) {
      if (MARK.test(c)) continue;
      chs.push(c);
      srcs.push(i);
      flags.push(flagsOf(c));
    }
    i += cp.length;
  }
  const n = chs.length;

  // 2. Tokens: runs of word characters or of separators, as [start, end) ranges.
  const starts: number[] = [];
  const ends: number[] = [];
  const words: boolean[] = [];
  for (let i = 0; i < n; ) {
    const word = (flags[i]! & F_WORD) !== 0;
    let j = i + 1;
    while (j < n && ((flags[j]! & F_WORD) !== 0) === word) j++;
    starts.push(i);
    ends.push(j);
    words.push(word);
    i = j;
  }

  // 3. Leetspeak, only inside words that contain a letter.
  for (let t = 0; t < starts.length; t++) {
    if (!words[t]) continue;
    let hasLetter = false;
    for (let k = starts[t]!; k < ends[t]! && !hasLetter; k++) hasLetter = (flags[k]! & F_LETTER) !== 0;
    if (!hasLetter) continue;
    for (let k = starts[t]!; k < ends[t]!; k++) {
      const mapped = LEET[chs[k]!];
      if (mapped !== undefined) {
        chs[k] = mapped;
        flags[k] = F_LETTER | F_WORD;
      }
    }
  }

  // 4. Join spaced-out letters ("p e n j a r a"), 5. squeeze repeated letters, and emit.
  const single = (t: number): boolean => t < starts.length && words[t]! && ends[t]! - starts[t]! === 1 && (flags[starts[t]!]! & F_LETTER) !== 0;
  const spacer = (t: number): boolean => t < starts.length && !words[t]! && ends[t]! - starts[t]! === 1 && (flags[starts[t]!]! & F_SPACER) !== 0;
  const parts: string[] = [];
  const sources: number[] = [];
  let prev = '';
  const emit = (k: number): void => {
    const c = chs[k]!;
    if (c === prev && (flags[k]! & F_LETTER) !== 0) return;
    prev = c;
    parts.push(c);
    for (let u = 0; u < c.length; u++) sources.push(srcs[k]!); // one entry per UTF-16 unit
  };
  for (let t = 0; t < starts.length; t++) {
    let last = t;
    if (single(t)) {
      let letters = 1;
      while (spacer(last + 1) && single(last + 2)) {
        last += 2;
        letters++;
      }
      if (letters < 3) last = t;
    }
    if (last > t) {
      for (let u = t; u <= last; u += 2) emit(starts[u]!);
      t = last;
      continue;
    }
    for (let k = starts[t]!; k < ends[t]!; k++) emit(k);
  }
  return { text: parts.join(''), sources };
}
