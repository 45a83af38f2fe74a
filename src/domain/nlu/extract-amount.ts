import { MONTHS } from './calendar-words.ts';
import { parseNumberWords, SCALE_WORDS } from './number-words.ts';

/** Largest amount we report: 10^15 rupiah stays below `Number.MAX_SAFE_INTEGER`, so JSON output never loses digits. */
export const MAX_AMOUNT_IDR = 1_000_000_000_000_000n;

/** Words before a number that make it an identifier, a date or a count, never money. */
const NOT_MONEY_BEFORE = new Set([
  'tanggal', 'jam', 'pukul', 'ke', 'nomor', 'va', 'rekening', 'hp', 'whatsapp', 'kontrak', 'ktp', 'nik', 'id', 'tahun',
  'angsuran', 'cicilan', 'kode', 'akun', 'pin', 'otp', 'kamar', 'blok', 'rt', 'rw',
]);
/** Words after a number that make it a duration, a count, a share or a date. */
const NOT_MONEY_AFTER = new Set([
  'hari', 'minggu', 'bulan', 'tahun', 'jam', 'menit', 'detik', 'kali', 'persen', 'orang', 'x', 'bln', 'thn', 'hr',
]);
const CURRENCY_BEFORE = new Set(['rp', 'idr', 'rupiah']);
const CURRENCY_AFTER = new Set(['rupiah', 'rp', 'idr']);

interface Decimal {
  readonly units: bigint; // all digits as an integer
  readonly scale: number; // digits after the decimal separator
  readonly grouped: boolean; // written with thousands separators (`1.250.000`)
}

/**
 * Reads `1.250.000`, `1.250.000,00`, `1,5`, `1.5`, `2500000`. A single separator followed by exactly three digits is
 * a thousands separator (`1.500` = 1500), otherwise a decimal one (`1,5` = 1.5), which is how Indonesians write both.
 */
function parseDecimal(token: string): Decimal | null {
  if (!/^[0-9]+(?:[.,][0-9]+)*$/.test(token)) return null;
  const lastDot = token.lastIndexOf('.');
  const lastComma = token.lastIndexOf(',');
  let intPart = token;
  let fracPart = '';
  let thousands: string | null = null;
  if (lastDot >= 0 && lastComma >= 0) {
    const decimalSep = lastDot > lastComma ? '.' : ',';
    thousands = decimalSep === '.' ? ',' : '.';
    const at = token.lastIndexOf(decimalSep);
    intPart = token.slice(0, at);
    fracPart = token.slice(at + 1);
    if (intPart.includes(decimalSep)) return null;
  } else if (lastDot >= 0 || lastComma >= 0) {
    const sep = lastDot >= 0 ? '.' : ',';
    const parts = token.split(sep);
    if (parts.length > 2 || parts[1]!.length === 3) thousands = sep;
    else {
      intPart = parts[0]!;
      fracPart = parts[1]!;
    }
  }
  let grouped = false;
  if (thousands !== null) {
    const groups = intPart.split(thousands);
    if (groups[0]!.length > 3 || groups.slice(1).some((g) => g.length !== 3)) return null;
    intPart = groups.join('');
    grouped = groups.length > 1;
  }
  if (intPart.length > 1 && intPart.startsWith('0') && !grouped && fracPart === '') return null;
  return { units: BigInt(intPart + fracPart), scale: fracPart.length, grouped };
}

function times(decimal: Decimal, multiplier: bigint): bigint {
  // Integer rupiah: sen (and fractions of a rupiah from `1,2345 juta`) are truncated, never rounded up.
  return (decimal.units * multiplier) / 10n ** BigInt(decimal.scale);
}

interface Found {
  readonly value: bigint;
  readonly end: number;
}

function readDigitAmount(tokens: readonly string[], i: number, currency: boolean): Found | null {
  const token = tokens[i]!;
  const decimal = parseDecimal(token);
  if (decimal === null) return null;
  const next = tokens[i + 1];
  const scale = next === undefined ? undefined : SCALE_WORDS[next];
  if (scale !== undefined) {
    let value = times(decimal, scale);
    let end = i + 2;
    // `1 juta 500 ribu`, `2jt 300rb`, `1 juta 500`: a smaller chunk right after a scaled one is added to it.
    const more = tokens[end] === undefined ? null : parseDecimal(tokens[end]!);
    if (more !== null && more.scale === 0) {
      const moreScaleWord = tokens[end + 1];
      const moreScale = moreScaleWord === undefined ? undefined : SCALE_WORDS[moreScaleWord];
      if (moreScale !== undefined && moreScale < scale) {
        value += times(more, moreScale);
        end += 2;
      } else if (moreScale === undefined && more.units < 1000n && !NOT_MONEY_AFTER.has(moreScaleWord ?? '')
        && !(moreScaleWord !== undefined && moreScaleWord in MONTHS)) {
        value += more.units * (scale / 1000n);
        end += 1;
      }
    }
    return { value, end };
  }
  if (decimal.scale > 0 && !currency && !decimal.grouped) return null; // `1,5` alone is not money
  const integer = times(decimal, 1n);
  if (currency || (next !== undefined && CURRENCY_AFTER.has(next))) return { value: integer, end: i + 1 };
  // A bare number is money only when it looks like it: grouped (`2.500.000`), or 1000..9 999 999 999 written plain
  // and not a year, a phone number (`0812…`, `62812…`) or a longer account/VA number.
  if (decimal.grouped) return { value: integer, end: i + 1 };
  if (token.length > 10 || integer < 1000n) return null;
  if (token.length >= 10 && token.startsWith('62')) return null; // +62 8xx… with the plus lost
  if (integer >= 1900n && integer <= 2100n) return null;
  return { value: integer, end: i + 1 };
}

/**
 * Finds the first rupiah amount in normalised tokens (see `normalizeUtterance`): `500 ribu`, `1,5 juta`,
 * `rp 1.250.000,00`, `2.500.000`, `dua ratus ribu`, `setengah juta`, `sejuta`. Dates (`tanggal 25`, `25/12`,
 * `5 desember`), durations (`3 hari`), shares (`50 persen`), phone and account numbers (`0812…`, after `va`/`rekening`)
 * are not amounts. Returns integer rupiah (sen truncated), or `null`; amounts above `MAX_AMOUNT_IDR` are `null`.
 * @example extractAmountIdr(normalizeUtterance('besok tf 1,5jt').tokens) === 1_500_000n
 */
export function extractAmountIdr(tokens: readonly string[]): bigint | null {
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const previous = tokens[i - 1];
    const currency = previous !== undefined && CURRENCY_BEFORE.has(previous);
    if (previous !== undefined && NOT_MONEY_BEFORE.has(previous) && !currency) continue;
    let found: Found | null = null;
    if (/^[0-9]/.test(token)) {
      const following = tokens[i + 1];
      if (following !== undefined && (NOT_MONEY_AFTER.has(following) || following in MONTHS)) continue;
      found = readDigitAmount(tokens, i, currency);
    } else {
      const words = parseNumberWords(tokens, i);
      if (words !== null) {
        const following = tokens[words.end];
        const sayRupiah = currency || (following !== undefined && CURRENCY_AFTER.has(following));
        if ((words.scaled || sayRupiah) && words.value >= 1000n) found = { value: words.value, end: words.end };
        else if (words.end > i) {
          i = words.end - 1; // skip the whole word number (`dua puluh` is not `puluh`…)
          continue;
        }
      }
    }
    if (found !== null && found.value > 0n) return found.value <= MAX_AMOUNT_IDR ? found.value : null;
  }
  return null;
}
