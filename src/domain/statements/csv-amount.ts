import { toMinorUnits } from './minor-units.ts';

/**
 * How a CSV writes numbers. `id`: `1.250.000,00` (Indonesian locale); `en`: `1,250,000.00`
 * (BCA and most English-locale exports); `auto`: decide per cell, reading a lone separator followed by
 * exactly three digits as a thousands separator (`1.250` is 1250 rupiah, never 1.25).
 */
export const AMOUNT_FORMATS = ['auto', 'id', 'en'] as const;
export type AmountFormat = (typeof AMOUNT_FORMATS)[number];

/** A parsed CSV amount: signed minor units plus a trailing `CR`/`DB`/`DR` marker when the cell had one. */
export interface CsvAmount {
  readonly minor: bigint;
  readonly marker: string | null;
}

type Parsed = { ok: true; value: CsvAmount } | { ok: false; reason: string };

/**
 * Parses the amount spellings Indonesian bank exports use: `1250000`, `1.250.000,00`,
 * `1,250,000.00`, `Rp1.250.000`, `Rp 1.250.000,00`, `-1.250.000`, `(1.250.000)`, `1.250.000-`,
 * `1,250,000.00 CR`. Grouping must be real (groups of three) so a typo is rejected, not misread.
 * Example: `parseCsvAmount('Rp1.250.000,50', 'auto', 2)` → `{ ok: true, value: { minor: 125000050n, marker: null } }`.
 */
export function parseCsvAmount(raw: string, format: AmountFormat, exponent: number): Parsed {
  let s = raw.replace(/[\u00a0\u202f]/g, ' ').trim();
  let marker: string | null = null;
  const suffix = /\s*(CR|DB|DR)$/i.exec(s);
  if (suffix) {
    marker = suffix[1]!.toUpperCase();
    s = s.slice(0, suffix.index).trim();
  }
  let negative = false;
  if (/^\(.*\)$/.test(s)) {
    negative = true;
    s = s.slice(1, -1).trim();
  }
  const sign = /^([+-])?\s*(?:Rp\.?|IDR)?\s*([+-])?\s*/i.exec(s)!;
  if (sign[1] !== undefined && sign[2] !== undefined) return { ok: false, reason: 'two signs' };
  const signChar = sign[1] ?? sign[2];
  s = s.slice(sign[0].length);
  if (s.endsWith('-') && signChar === undefined) {
    negative = !negative;
    s = s.slice(0, -1).trim();
  }
  if (signChar === '-') negative = !negative;
  if (!/^\d[\d.,]*$/.test(s) || /[.,]$/.test(s)) return { ok: false, reason: 'not a number' };

  const { group, decimal } = resolveSeparators(s, format);
  const decimalAt = decimal === null ? -1 : s.indexOf(decimal);
  if (decimal !== null && decimalAt !== s.lastIndexOf(decimal)) return { ok: false, reason: 'more than one decimal separator' };
  const integerPart = decimalAt === -1 ? s : s.slice(0, decimalAt);
  const fractionPart = decimalAt === -1 ? '' : s.slice(decimalAt + 1);
  if (!/^\d*$/.test(fractionPart)) return { ok: false, reason: 'separator in the decimals' };
  const groups = group === null ? [integerPart] : integerPart.split(group);
  if (groups.length > 1 && (!/^\d{1,3}$/.test(groups[0]!) || groups.slice(1).some((g) => !/^\d{3}$/.test(g)))) {
    return { ok: false, reason: 'thousands separators not in groups of three' };
  }
  const digits = groups.join('');
  if (!/^\d+$/.test(digits)) return { ok: false, reason: 'not a number' };
  const minor = toMinorUnits(digits, fractionPart, exponent);
  if (!minor.ok) return minor;
  return { ok: true, value: { minor: negative ? -minor.value : minor.value, marker } };
}

function resolveSeparators(s: string, format: AmountFormat): { group: string | null; decimal: string | null } {
  if (format === 'id') return { group: '.', decimal: ',' };
  if (format === 'en') return { group: ',', decimal: '.' };
  const dots = s.split('.').length - 1;
  const commas = s.split(',').length - 1;
  if (dots > 0 && commas > 0) {
    return s.lastIndexOf('.') > s.lastIndexOf(',') ? { group: ',', decimal: '.' } : { group: '.', decimal: ',' };
  }
  if (dots === 0 && commas === 0) return { group: null, decimal: null };
  const sep = dots > 0 ? '.' : ',';
  const other = sep === '.' ? ',' : '.';
  if (dots + commas > 1) return { group: sep, decimal: other };
  const [whole, after] = s.split(sep) as [string, string];
  return after.length === 3 && whole !== '0' ? { group: sep, decimal: other } : { group: other, decimal: sep };
}
