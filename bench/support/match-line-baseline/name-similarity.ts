// Reference copy of src/domain/matching/name-similarity.ts as of 087526c (before the matcher's performance work), kept so
// `npm run bench -- match-lines` can prove the optimised matcher decides exactly as this one. Do not edit.
import { nameTokens, normalizeText } from '../../../src/domain/matching/normalize.ts';

/** Common written forms of frequent Indonesian name parts (`M`, `MOH`, `MUH` for Muhammad). */
const VARIANTS: Readonly<Record<string, readonly string[]>> = {
  MUHAMMAD: ['M', 'MUH', 'MUHAMAD', 'MUHAMMAD', 'MOH', 'MOHD', 'MOCH', 'MOCHAMMAD', 'MOCHAMAD', 'MOHAMAD', 'MOHAMMAD', 'MHD', 'MUHAMMED'],
  ABDUL: ['ABD', 'ABDUL', 'A'],
  NUR: ['NUR', 'NOOR', 'NUUR'],
  SITI: ['SITI', 'STI', 'ST'],
};
const CANONICAL = new Map<string, string>();
for (const [canon, forms] of Object.entries(VARIANTS)) for (const f of forms) CANONICAL.set(f, canon);

/** Optimal string alignment distance (Levenshtein plus adjacent transposition), capped at `limit + 1`. */
export function editDistance(a: string, b: string, limit = 2): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const rows = a.length + 1;
  const cols = b.length + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: cols }, (_, j) => j);
  for (let i = 1; i < rows; i += 1) {
    const cur = [i];
    let best = i;
    for (let j = 1; j < cols; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur.push(v);
      if (v < best) best = v;
    }
    if (best > limit) return limit + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[cols - 1]!;
}

/** How well one description token stands for one name token, 0..1. */
export function tokenScore(nameToken: string, word: string): number {
  if (word === nameToken) return 1;
  const canon = CANONICAL.get(nameToken);
  if (canon !== undefined && CANONICAL.get(word) === canon) return 0.9;
  // Initials and truncation: `B` for BUDI scores low; `SANTOS` for SANTOSO (banks cut names to a field width) scores high.
  if (word.length === 1 && nameToken.startsWith(word)) return 0.4;
  if (word.length >= 4 && nameToken.startsWith(word)) return 0.85;
  if (nameToken.length >= 4) {
    const d = editDistance(nameToken, word, 2);
    if (d === 1) return 0.85;
    if (d === 2 && nameToken.length >= 7) return 0.7;
  }
  return 0;
}

/** A description reduced to its letter-only words, computed once per statement line. */
export function descriptionWords(description: string): string[] {
  return normalizeText(description)
    .split(' ')
    .filter((w) => w !== '' && !/\d/.test(w));
}

/** A name's comparable tokens (two letters or more). */
export function comparableName(fullName: string): string[] {
  return nameTokens(fullName).filter((t) => t.length >= 2);
}

/**
 * How strongly a free-text description names a person, 0..1: each name token is scored against its best
 * description word (exact, known variant, truncation, one or two typos), weighted by token length, so
 * `BUDI SANTSO` scores ~0.9 for "Budi Santoso" and an unrelated `BUDI HARTONO` about 0.4.
 * `gated` is 0 when the name's longest token is not found (≥ 0.85): a first name alone never identifies someone;
 * `raw` is the resemblance without that gate, used to decide whether a rival name is too close.
 */
export function scoreName(name: readonly string[], words: readonly string[], memo?: Map<string, number>): NameScore {
  if (name.length === 0 || words.length === 0) return { gated: 0, raw: 0, ends: 0 };
  let firstScore = 0;
  let lastScore = 0;
  let weighted = 0;
  let weights = 0;
  let strongLongest = false;
  let longest = 0;
  for (const t of name) if (t.length > longest) longest = t.length;
  for (const t of name) {
    // `memo` (token → best score against these words) pays off when one line is compared with many names.
    let best = memo?.get(t) ?? -1;
    if (best < 0) {
      best = 0;
      for (const w of words) {
        const s = tokenScore(t, w);
        if (s > best) best = s;
        if (best === 1) break;
      }
      memo?.set(t, best);
    }
    if (t === name[0]) firstScore = best;
    if (t === name[name.length - 1]) lastScore = best;
    weighted += best * t.length;
    weights += t.length;
    if (t.length === longest && best >= 0.85) strongLongest = true;
  }
  const raw = weighted / weights;
  return { gated: strongLongest ? raw : 0, raw, ends: Math.min(firstScore, lastScore) };
}

/**
 * Words of transfer descriptions that are not names: a name one typo away from one (`SARI` / `DARI`) must not count
 * as found in it when deciding which of two names a description explains further.
 */
const TRANSFER_WORDS = new Set(
  'DARI KE TRF TRANSFER TRANSFR PINDAHBUKU PB SETOR SETORAN TUNAI BAYAR BYR PEMBAYARAN ANGSURAN ANGS CICILAN CICIL TITIPAN LUNAS PELUNASAN NO NOMOR REK NOREK REF VIA ATAS NAMA AN UNTUK UTK BULAN BLN INV PT CV TBK BANK BIAYA ADM JAN FEB MAR APR MEI JUN JUL AGU AGS SEP OKT NOV DES'.split(' '),
);

/**
 * The description words (by index) a name accounts for: for each name token, its best word when that scores ≥ `min`
 * (`words`); `partial` when some token only half-matches a word (a second typo away: "Santosa" for `SANTSO`). Lets
 * the matcher prefer the more specific of two names: `BUDI ADI SANTOSO` is explained further by "Budi Adi Santoso"
 * than by "Budi Santoso", whose explained words are a strict subset and none half-matched.
 */
export function explainedWords(name: readonly string[], words: readonly string[], min = 0.85): { words: Set<number>; partial: boolean } {
  const out = new Set<number>();
  let partial = false;
  for (const t of name) {
    let best = 0;
    let at = -1;
    for (const [i, w] of words.entries()) {
      if (TRANSFER_WORDS.has(w)) continue;
      const s = tokenScore(t, w);
      if (s > best) {
        best = s;
        at = i;
      }
    }
    if (best >= min) out.add(at);
    else if (best > 0) partial = true;
  }
  return { words: out, partial };
}

/**
 * `gated`/`raw`: see `scoreName`. `ends`: the weaker of the name's first and last parts — a rival whose first and last
 * names both appear could have sent the money (people drop middle names), one whose first name is absent could not.
 */
export interface NameScore {
  readonly gated: number;
  readonly raw: number;
  readonly ends: number;
}

/**
 * `scoreName` on plain strings.
 *
 * @example nameScore('Budi Santoso', 'TRF 0123456789 BUDI SANTSO CICILAN NOV') // ≈ 0.92
 */
export function nameScore(fullName: string, description: string, options: { readonly gated?: boolean } = {}): number {
  const s = scoreName(comparableName(fullName), descriptionWords(description));
  return options.gated === false ? s.raw : s.gated;
}
