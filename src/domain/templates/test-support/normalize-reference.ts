/**
 * The per-character normaliser as first written, kept verbatim as the reference the optimised
 * `normalizeForLint` must agree with exactly (text and source map).
 */
/**
 * Text prepared for lexicon matching, with a map back to the original so a violation can
 * quote exactly what the author wrote.
 */
export interface NormalizedText {
  readonly text: string;
  /** `sources[i]` is the index in the original string of normalized character `i`. */
  readonly sources: readonly number[];
}

interface Char {
  ch: string;
  src: number;
}

// Digits and symbols that stand in for letters in evasive spellings ("p0lis1", "b@ngsat").
const LEET: Readonly<Record<string, string>> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's' };

const isLetter = (c: string): boolean => /\p{L}/u.test(c);
const isWordChar = (c: string): boolean => /[\p{L}\p{N}@$*]/u.test(c);
/** Separators that may sit between spaced-out letters: "p e n j a r a", "p.e.n.j.a.r.a". */
const isSpacer = (c: string): boolean => c === ' ' || c === '.' || c === '-' || c === '_';

/**
 * Lower-cases, strips accents, undoes leetspeak inside words that contain letters (so
 * amounts and phone numbers stay numbers), joins letters spaced out to dodge a filter,
 * and squeezes repeated letters ("anjiiing" → "anjing"). The lexicon goes through the
 * same function, so squeezing cannot create a mismatch.
 */
export function referenceNormalizeForLint(input: string): NormalizedText {
  const chars: Char[] = [];
  let src = 0;
  for (const cp of input) {
    for (const c of cp.normalize('NFKD').toLowerCase()) {
      if (!/\p{M}/u.test(c)) chars.push({ ch: c, src });
    }
    src += cp.length;
  }

  // Tokens: runs of word characters; everything else is a separator run.
  const tokens: { word: boolean; chars: Char[] }[] = [];
  for (const c of chars) {
    const word = isWordChar(c.ch);
    const last = tokens[tokens.length - 1];
    if (last && last.word === word) last.chars.push(c);
    else tokens.push({ word, chars: [c] });
  }
  for (const t of tokens) {
    if (t.word && t.chars.some((c) => isLetter(c.ch))) {
      for (const c of t.chars) c.ch = LEET[c.ch] ?? c.ch;
    }
  }

  const out: Char[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const run = spacedRun(tokens, i);
    if (run > 0) {
      for (let j = i; j < i + run; j += 2) out.push(...tokens[j]!.chars);
      i += run - 1;
      continue;
    }
    out.push(...tokens[i]!.chars);
  }

  const squeezed: Char[] = [];
  for (const c of out) {
    const prev = squeezed[squeezed.length - 1];
    if (prev && prev.ch === c.ch && isLetter(c.ch)) continue;
    squeezed.push(c);
  }
  // One source entry per UTF-16 unit, since regex match indices count units.
  return { text: squeezed.map((c) => c.ch).join(''), sources: squeezed.flatMap((c) => Array<number>(c.ch.length).fill(c.src)) };
}

/**
 * Length in tokens of a run "x␠y␠z…" starting at `i` (single letters separated by one
 * spacer), when it has at least three letters; 0 otherwise.
 */
function spacedRun(tokens: readonly { word: boolean; chars: Char[] }[], i: number): number {
  const single = (k: number): boolean => {
    const t = tokens[k];
    return t !== undefined && t.word && t.chars.length === 1 && isLetter(t.chars[0]!.ch);
  };
  const spacer = (k: number): boolean => {
    const t = tokens[k];
    return t !== undefined && !t.word && t.chars.length === 1 && isSpacer(t.chars[0]!.ch);
  };
  if (!single(i)) return 0;
  let letters = 1;
  let k = i;
  while (spacer(k + 1) && single(k + 2)) {
    k += 2;
    letters++;
  }
  return letters >= 3 ? k - i + 1 : 0;
}
