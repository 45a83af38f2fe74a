import { nameTokens, normalizeText } from './normalize.ts';

/** Common written forms of frequent Indonesian name parts (`M`, `MOH`, `MUH` for Muhammad). */
const VARIANTS: Readonly<Record<string, readonly string[]>> = {
  MUHAMMAD: ['M', 'MUH', 'MUHAMAD', 'MUHAMMAD', 'MOH', 'MOHD', 'MOCH', 'MOCHAMMAD', 'MOCHAMAD', 'MOHAMAD', 'MOHAMMAD', 'MHD', 'MUHAMMED'],
  ABDUL: ['ABD', 'ABDUL', 'A'],
  NUR: ['NUR', 'NOOR', 'NUUR'],
  SITI: ['SITI', 'STI', 'ST'],
};
const CANONICAL = new Map<string, string>();
for (const [canon, forms] of Object.entries(VARIANTS)) for (const f of forms) CANONICAL.set(f, canon);

/**
 * Rows of `editDistance`, reused across calls: the matcher computes millions of distances per statement, and fresh
 * arrays for each were a good part of its garbage. Grown when a longer word comes along.
 */
let rowPrev2 = new Int32Array(32);
let rowPrev = new Int32Array(32);
let rowCur = new Int32Array(32);

/** Optimal string alignment distance (Levenshtein plus adjacent transposition), capped at `limit + 1`. */
export function editDistance(a: string, b: string, limit = 2): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const rows = a.length + 1;
  const cols = b.length + 1;
  if (cols > rowCur.length) {
    rowPrev2 = new Int32Array(cols * 2);
    rowPrev = new Int32Array(cols * 2);
    rowCur = new Int32Array(cols * 2);
  }
  let prev2 = rowPrev2;
  let prev = rowPrev;
  let cur = rowCur;
  for (let j = 0; j < cols; j += 1) prev[j] = j;
  for (let i = 1; i < rows; i += 1) {
    const ai = a.charCodeAt(i - 1);
    cur[0] = i;
    let best = i;
    for (let j = 1; j < cols; j += 1) {
      const cost = ai === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < best) best = v;
    }
    if (best > limit) return limit + 1;
    const free = prev2;
    prev2 = prev;
    prev = cur;
    cur = free;
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

/**
 * A name prepared once for scoring against many descriptions: its comparable tokens, and their numbers in the token
 * table of `DescriptionScorer` (`epoch`: the table they were numbered in).
 */
export interface PreparedName {
  readonly tokens: readonly string[];
  /**
   * Token numbers and lengths, interleaved (`[id0, length0, id1, length1, …]`), and the longest length: scoring a
   * name reads no token text, and one small array (not two typed arrays, each a few objects) keeps the memory a
   * candidate's scoring touches, most of it for the first time in the line, to a few cache lines.
   */
  readonly packed: readonly number[];
  readonly longest: number;
  readonly epoch: number;
}

/**
 * The tables behind `prepareName` and `DescriptionScorer`, kept across lines: a statement's lines are compared with the
 * same few thousand names, and descriptions repeat names and words. Tokens are numbered so that a line's best score
 * per token lives in typed arrays stamped with the line (no per-line map), and `tokenScore` is remembered by word and
 * token number. All of it is forgotten at once, when a scorer is made, once a table outgrows its limit.
 */
let epoch = 0;
const tokenIds = new Map<string, number>();
const tokenTexts: string[] = [];
const preparedNames = new Map<string, PreparedName>();
const wordScores = new Map<string, Map<number, number>>();
let wordScoreCount = 0;
let lineStamp = 0;
let stampOf = new Int32Array(1024);
let bestOf = new Float64Array(1024);
const TOKEN_LIMIT = 200_000;
const NAME_LIMIT = 100_000;
/** (word, token) scores and words held: some 50 MB at most. */
const WORD_SCORE_LIMIT = 1_000_000;

function forgetIfFull(): void {
  if (tokenIds.size >= TOKEN_LIMIT || preparedNames.size >= NAME_LIMIT || wordScoreCount >= WORD_SCORE_LIMIT || lineStamp >= 2 ** 30) forgetNameTables();
}

/**
 * Forgets every prepared name and remembered score (a new epoch). Names prepared and scorers made before still give
 * the right scores, the slow way. Exported for tests.
 */
export function forgetNameTables(): void {
  epoch += 1;
  tokenIds.clear();
  tokenTexts.length = 0;
  preparedNames.clear();
  wordScores.clear();
  wordScoreCount = 0;
  lineStamp = 0;
  stampOf = new Int32Array(1024);
  bestOf = new Float64Array(1024);
}

function tokenId(t: string): number {
  let id = tokenIds.get(t);
  if (id === undefined) {
    id = tokenTexts.length;
    tokenIds.set(t, id);
    tokenTexts.push(t);
    if (id >= stampOf.length) {
      const stamps = new Int32Array(stampOf.length * 2);
      stamps.set(stampOf);
      stampOf = stamps;
      const bests = new Float64Array(bestOf.length * 2);
      bests.set(bestOf);
      bestOf = bests;
    }
  }
  return id;
}

/** `comparableName` of a full name, numbered; remembered by name. */
export function prepareName(fullName: string): PreparedName {
  let p = preparedNames.get(fullName);
  if (p === undefined) {
    const tokens = comparableName(fullName);
    const packed: number[] = [];
    let longest = 0;
    for (const t of tokens) {
      packed.push(tokenId(t), t.length);
      if (t.length > longest) longest = t.length;
    }
    p = { tokens, packed, longest, epoch };
    preparedNames.set(fullName, p);
  }
  return p;
}

/**
 * `scoreName` and `explainedWords` of many prepared names against one description's words, with the same results:
 * each name token is scored against the words once per line, and each (word, token) pair once across lines.
 */
export class DescriptionScorer {
  private readonly line: number;
  private readonly epoch: number;
  /** Per word, its `tokenScore` by token number (shared across lines). */
  private readonly scoresByWord: Map<number, number>[];
  /** For a name or a scorer of an earlier epoch (whose numbers mean nothing now): `scoreName`'s own memo. */
  private fallbackMemo: Map<string, number> | undefined;

  constructor(private readonly words: readonly string[]) {
    forgetIfFull();
    lineStamp += 1;
    this.line = lineStamp;
    this.epoch = epoch;
    this.scoresByWord = words.map((w) => {
      let m = wordScores.get(w);
      if (m === undefined) {
        m = new Map();
        wordScores.set(w, m);
        wordScoreCount += 1; // a word counts towards the limit too: lines without payers still bring new words
      }
      return m;
    });
  }

  /** `scoreName(name.tokens, words)`, written into `out`. */
  score(name: PreparedName, out: { gated: number; raw: number; ends: number }): void {
    if (!this.current(name)) {
      const s = scoreName(name.tokens, this.words, (this.fallbackMemo ??= new Map()));
      out.gated = s.gated;
      out.raw = s.raw;
      out.ends = s.ends;
      return;
    }
    const { packed, longest } = name;
    out.gated = 0;
    out.raw = 0;
    out.ends = 0;
    if (packed.length === 0 || this.words.length === 0) return;
    // As in `scoreName`, term for term and in the same order, so the sums round alike.
    let weighted = 0;
    let weights = 0;
    let strongLongest = false;
    for (let k = 0; k < packed.length; k += 2) {
      const best = this.best(packed[k]!);
      const len = packed[k + 1]!;
      weighted += best * len;
      weights += len;
      if (len === longest && best >= 0.85) strongLongest = true;
    }
    const raw = weighted / weights;
    out.gated = strongLongest ? raw : 0;
    out.raw = raw;
    // `scoreName` takes the score of the last token equal to the first (last) one: the same token, the same score.
    out.ends = Math.min(this.best(packed[0]!), this.best(packed[packed.length - 2]!));
  }

  /** `explainedWords(name.tokens, words)`. */
  explained(name: PreparedName): { words: Set<number>; partial: boolean } {
    if (!this.current(name)) return explainedWords(name.tokens, this.words);
    const out = new Set<number>();
    let partial = false;
    for (let k = 0; k < name.packed.length; k += 2) {
      const id = name.packed[k]!;
      let best = 0;
      let at = -1;
      for (let i = 0; i < this.words.length; i += 1) {
        if (TRANSFER_WORDS.has(this.words[i]!)) continue;
        const s = this.pair(id, i);
        if (s > best) {
          best = s;
          at = i;
        }
      }
      if (best >= 0.85) out.add(at);
      else if (best > 0) partial = true;
    }
    return { words: out, partial };
  }

  /** The name's token numbers and this scorer's tables are those of the current epoch (tables forgotten since: no). */
  private current(name: PreparedName): boolean {
    return name.epoch === epoch && this.epoch === epoch;
  }

  /** The token's best score against the words (`scoreName`'s inner loop), once per line. */
  private best(id: number): number {
    if (stampOf[id] === this.line) return bestOf[id]!;
    let best = 0;
    for (let i = 0; i < this.words.length; i += 1) {
      const s = this.pair(id, i);
      if (s > best) best = s;
      if (best === 1) break;
    }
    stampOf[id] = this.line;
    bestOf[id] = best;
    return best;
  }

  private pair(id: number, word: number): number {
    const m = this.scoresByWord[word]!;
    let s = m.get(id);
    if (s === undefined) {
      s = tokenScore(tokenTexts[id]!, this.words[word]!);
      m.set(id, s);
      wordScoreCount += 1;
    }
    return s;
  }
}
