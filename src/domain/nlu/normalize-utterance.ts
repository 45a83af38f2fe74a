import { NUMBER_SUFFIX_LEXICON, SLANG_LEXICON, STANDALONE_LEXICON } from './slang-lexicon.ts';

/** A chat message reduced to standard lowercase Indonesian tokens; numbers keep their inner separators (`1.250.000,00`, `25/12`). */
export interface NormalizedUtterance {
  readonly text: string;
  readonly tokens: readonly string[];
}

/** Longest input the normaliser looks at; a chat turn is never longer, and the cap bounds the work per message. */
export const MAX_NORMALIZED_INPUT = 4096;

const NUMBER = /^[0-9]/;
// A number keeps separators only between digits, so `25/12`, `1.5` and `0812-3456` stay one token but `udah,tf` splits.
const TOKEN = /[0-9]+(?:[.,/:-][0-9]+)*|%|\p{L}+(?:['’`]\p{L}+)*/gu;
const LAUGH = /^(?:(?:wk)+w?|(?:ha)+h?|(?:he)+h?|(?:hi)+h?|(?:ck)+|(?:kw)+k?|xixi+)$/;

/** Collapses letters typed 3+ times (`halooo` → `halo`) and a doubled final letter on longer words (`pagii`, `kakk`). */
function squeezeRepeats(word: string): string {
  const squeezed = word.replace(/(\p{L})\1{2,}/gu, '$1');
  return squeezed.length >= 4 ? squeezed.replace(/(\p{L})\1$/u, '$1') : squeezed;
}

function lookupWord(word: string, afterNumber: boolean): string {
  if (afterNumber) {
    const suffix = NUMBER_SUFFIX_LEXICON[word];
    if (suffix !== undefined) return suffix;
  }
  const standalone = STANDALONE_LEXICON[word];
  if (standalone !== undefined) return standalone;
  if (LAUGH.test(word) && word.length >= 4) return 'tertawa';
  const mapped = SLANG_LEXICON[word];
  if (mapped !== undefined) return mapped;
  const squeezed = squeezeRepeats(word);
  if (squeezed !== word) return lookupWord(squeezed, afterNumber);
  return word;
}

/**
 * Normalises a debtor's chat message before classification and entity extraction: Unicode NFKC, lowercase,
 * control/zero-width characters removed, reduplication (`marah2` → `marah marah`), repeated letters squeezed,
 * punctuation dropped (except inside numbers) and chat slang mapped to standard words via `SLANG_LEXICON`.
 * Pure and total: any string (binary, markup, 1 MB) yields tokens; input past `MAX_NORMALIZED_INPUT` is ignored.
 * @example normalizeUtterance('Udh TF kmrn 500rb kak!!').text === 'sudah transfer kemarin 500 ribu'
 */
export function normalizeUtterance(raw: string): NormalizedUtterance {
  const text = raw
    .slice(0, MAX_NORMALIZED_INPUT)
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\p{Cc}\p{Cf}\p{Co}\p{Cs}]+/gu, ' ')
    // `rp1.250.000` / `Rp.500.000`: the currency marker is its own token.
    .replace(/\brp\.?(?=\s*[0-9])/g, ' rp ')
    // Chat reduplication: `teman2` → `teman teman` (3+ letters so `ke2` stays untouched).
    .replace(/(\p{L}{3,})2(?![0-9])/gu, '$1 $1');
  const tokens: string[] = [];
  for (const match of text.matchAll(TOKEN)) {
    const token = match[0];
    if (NUMBER.test(token)) {
      tokens.push(token);
      continue;
    }
    if (token === '%') {
      tokens.push('persen');
      continue;
    }
    const word = token.replace(/['’`]/g, '');
    const previous = tokens[tokens.length - 1];
    const afterNumber = previous !== undefined && NUMBER.test(previous);
    const mapped = lookupWord(word, afterNumber);
    if (mapped === '') continue;
    for (const part of mapped.split(' ')) tokens.push(part);
  }
  return { text: tokens.join(' '), tokens };
}
