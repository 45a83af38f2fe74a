import type { NormalizedUtterance } from '../../../domain/nlu/normalize-utterance.ts';

/** Words that flip or qualify what follows; the pair becomes one extra feature (`belum_bayar` ≠ `sudah_bayar`). */
const MODIFIERS = new Set(['tidak', 'belum', 'bukan', 'jangan', 'sudah', 'mau', 'ingin', 'akan', 'bisa', 'minta', 'berapa', 'kapan']);

/**
 * Builds the text the statistical model sees from a normalised utterance: numbers become the word `angka` (the value
 * never matters for the intent, only that a number is there), and modifier + next word pairs are appended as extra
 * tokens, because a bag of words alone cannot tell `sudah bayar` from `belum bayar`.
 */
export function modelText(utterance: NormalizedUtterance): string {
  const words = utterance.tokens.map((t) => (/^[0-9]/.test(t) ? 'angka' : t));
  const pairs: string[] = [];
  for (let i = 0; i + 1 < words.length; i++) {
    if (MODIFIERS.has(words[i]!)) pairs.push(`${words[i]}_${words[i + 1]}`);
  }
  return [...words, ...pairs].join(' ');
}
