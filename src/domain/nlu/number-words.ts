/** Indonesian cardinal numbers in words, for amounts like `satu juta lima ratus ribu` and spans like `tiga hari lagi`. */

const DIGITS: Readonly<Record<string, bigint>> = {
  nol: 0n, satu: 1n, dua: 2n, tiga: 3n, empat: 4n, lima: 5n, enam: 6n, tujuh: 7n, delapan: 8n, sembilan: 9n,
};
/** Scale words that close a group (`ribu`, `juta`…); value per unit. */
export const SCALE_WORDS: Readonly<Record<string, bigint>> = {
  ribu: 1_000n, juta: 1_000_000n, miliar: 1_000_000_000n, triliun: 1_000_000_000_000n,
};
const SE_SCALES: Readonly<Record<string, bigint>> = {
  seribu: 1_000n, sejuta: 1_000_000n, semiliar: 1_000_000_000n, setriliun: 1_000_000_000_000n,
};

/** A number read from consecutive word tokens: its value, the index after it, and whether a scale word (≥ ribu) was used. */
export interface WordNumber {
  readonly value: bigint;
  readonly end: number;
  readonly scaled: boolean;
}

/**
 * Reads an Indonesian number written in words starting at `tokens[start]`, greedily; `null` if none starts there.
 * `setengah` halves the next scale (`setengah juta` = 500 000, `dua setengah juta` = 2 500 000).
 * @example parseNumberWords(['satu','juta','lima','ratus','ribu'], 0)?.value === 1_500_000n
 */
export function parseNumberWords(tokens: readonly string[], start: number): WordNumber | null {
  let total = 0n;
  let group = 0n; // the finished part below the next scale word, 0..999
  let pending: bigint | null = null; // a digit word waiting for belas/puluh/ratus
  let half = false;
  let lastScale = 0n; // scales must decrease: `dua juta tiga ribu`, never `dua ribu tiga juta`
  let scaled = false;
  let consumed = false;
  let i = start;
  const flush = (): void => {
    if (pending !== null) group += pending;
    pending = null;
  };
  const closeScale = (scale: bigint, implicitOne: boolean): boolean => {
    flush();
    if (lastScale !== 0n && scale >= lastScale) return false;
    if (group === 0n && !half && !implicitOne) return false;
    const base = implicitOne ? 1n : group;
    total += base * scale + (half ? scale / 2n : 0n);
    group = 0n;
    half = false;
    lastScale = scale;
    scaled = true;
    return true;
  };
  for (; i < tokens.length; i++) {
    const word = tokens[i]!;
    const digit = DIGITS[word];
    if (digit !== undefined) {
      if (pending !== null || half) break;
      pending = digit;
      consumed = true;
      continue;
    }
    if (word === 'belas' && pending !== null && pending > 0n && group % 100n === 0n) {
      group += pending + 10n;
      pending = null;
      continue;
    }
    if (word === 'puluh' && pending !== null && pending > 1n && group % 100n === 0n) {
      group += pending * 10n;
      pending = null;
      continue;
    }
    if (word === 'ratus' && pending !== null && pending > 1n && group === 0n) {
      group = pending * 100n;
      pending = null;
      continue;
    }
    if (pending === null && !half) {
      if (word === 'sepuluh' && group % 100n === 0n) { group += 10n; consumed = true; continue; }
      if (word === 'sebelas' && group % 100n === 0n) { group += 11n; consumed = true; continue; }
      if (word === 'seratus' && group === 0n) { group = 100n; consumed = true; continue; }
    }
    if (word === 'setengah' && !half) {
      flush();
      half = true;
      consumed = true;
      continue;
    }
    const scale = SCALE_WORDS[word];
    if (scale !== undefined && consumed) {
      if (!closeScale(scale, false)) break;
      continue;
    }
    const seScale = SE_SCALES[word];
    if (seScale !== undefined && pending === null && group === 0n && !half) {
      if (!closeScale(seScale, true)) break;
      consumed = true;
      continue;
    }
    break;
  }
  if (!consumed) return null;
  if (half) {
    // A dangling `setengah` belongs to whatever follows (`setengah hari`), not to this number.
    flush();
    if (group === 0n && total === 0n) return null;
    return { value: total + group, end: i - 1, scaled };
  }
  flush();
  return { value: total + group, end: i, scaled };
}

const UNIT_NAMES = ['', 'satu', 'dua', 'tiga', 'empat', 'lima', 'enam', 'tujuh', 'delapan', 'sembilan'] as const;

function belowThousand(n: number): string[] {
  const words: string[] = [];
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  if (hundreds === 1) words.push('seratus');
  else if (hundreds > 1) words.push(UNIT_NAMES[hundreds]!, 'ratus');
  if (rest === 10) words.push('sepuluh');
  else if (rest === 11) words.push('sebelas');
  else if (rest > 11 && rest < 20) words.push(UNIT_NAMES[rest - 10]!, 'belas');
  else if (rest >= 20) {
    words.push(UNIT_NAMES[Math.floor(rest / 10)]!, 'puluh');
    if (rest % 10 !== 0) words.push(UNIT_NAMES[rest % 10]!);
  } else if (rest > 0) words.push(UNIT_NAMES[rest]!);
  return words;
}

/**
 * Writes a non-negative integer in Indonesian words (`1500000n` → `satu juta lima ratus ribu`), the inverse of
 * `parseNumberWords`; used to generate test utterances and available for reply templates.
 */
export function formatNumberWords(value: bigint): string {
  if (value < 0n) throw new RangeError('formatNumberWords: negative value');
  if (value === 0n) return 'nol';
  const groups: Array<[bigint, string]> = [
    [1_000_000_000_000n, 'triliun'], [1_000_000_000n, 'miliar'], [1_000_000n, 'juta'], [1_000n, 'ribu'],
  ];
  const words: string[] = [];
  let rest = value;
  for (const [scale, name] of groups) {
    const count = rest / scale;
    rest %= scale;
    if (count === 0n) continue;
    if (count >= 1000n) throw new RangeError('formatNumberWords: value too large');
    if (count === 1n && scale === 1_000n) words.push('seribu');
    else words.push(...belowThousand(Number(count)), name);
  }
  words.push(...belowThousand(Number(rest)));
  return words.join(' ');
}
