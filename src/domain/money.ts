import { fail, ok, type Result } from './result.ts';

/**
 * An amount of whole Indonesian rupiah. Branded so a plain bigint (a count, an id) cannot be
 * passed where money is expected, and a bigint so a float can never become money.
 * The rupiah has no sen in circulation, so whole rupiah is the smallest unit Tagih tracks.
 */
export type Rupiah = bigint & { readonly __brand: 'Rupiah' };

/**
 * Turns a bigint or an integral number into Rupiah. Throws on fractions, NaN, Infinity and on
 * numbers beyond ±2^53, where a float has already lost digits and the amount is not trustworthy.
 *
 * @example rupiah(1_250_000) // 1250000n
 */
export function rupiah(value: bigint | number): Rupiah {
  if (typeof value === 'bigint') return value as Rupiah;
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`not a whole, exactly representable rupiah amount: ${String(value)}`);
  }
  return BigInt(value) as Rupiah;
}

export const ZERO: Rupiah = 0n as Rupiah;

export function add(a: Rupiah, b: Rupiah): Rupiah {
  return (a + b) as Rupiah;
}

export function sub(a: Rupiah, b: Rupiah): Rupiah {
  return (a - b) as Rupiah;
}

export function negate(a: Rupiah): Rupiah {
  return -a as Rupiah;
}

export function sum(values: Iterable<Rupiah>): Rupiah {
  let total = 0n;
  for (const v of values) total += v;
  return total as Rupiah;
}

export function min(a: Rupiah, b: Rupiah): Rupiah {
  return a < b ? a : b;
}

export function max(a: Rupiah, b: Rupiah): Rupiah {
  return a > b ? a : b;
}

export function isNegative(a: Rupiah): boolean {
  return a < 0n;
}

export function isPositive(a: Rupiah): boolean {
  return a > 0n;
}

export function isZero(a: Rupiah): boolean {
  return a === 0n;
}

/** Three-way comparison, for `Array.prototype.sort`. */
export function compare(a: Rupiah, b: Rupiah): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Which separator groups thousands. Indonesian (`id`) is the default: `1.250.000,00`. */
export type NumberStyle = 'id' | 'en';

export interface ParseRupiahOptions {
  /**
   * `id` (default): `.` groups thousands and `,` is the decimal separator, as Indonesian core
   * systems and people write it. `en`: `,` groups and `.` is decimal, for exports that say so.
   * The two are never guessed from the text: `1.250` means 1250 in one and 1.25 in the other.
   */
  readonly style?: NumberStyle;
}

const CURRENCY = /^(?:rp\.?|idr)/i;

/**
 * Parses an amount the way it appears in Indonesian documents and core-system exports.
 * Accepted (default `id` style): `1250000`, `1.250.000`, `Rp1.250.000,00`, `Rp 1.250.000`,
 * `Rp 50.000,-`, `IDR 1.250.000`, `-Rp1.000`, `Rp-1.000`, and the machine form `1250000.00`
 * (a `.` followed by one or two digits on ungrouped digits cannot be a thousands group).
 * Rejected with a message: empty text, letters, several signs, malformed grouping (`1.25.000`),
 * non-zero sen (`1.000,50` — Tagih keeps whole rupiah and will not round money silently), and
 * English grouping (`1,250,000`) unless `{ style: 'en' }` is passed.
 */
export function parseRupiah(input: string, options: ParseRupiahOptions = {}): Result<Rupiah> {
  const style = options.style ?? 'id';
  const group = style === 'id' ? '.' : ',';
  const decimal = style === 'id' ? ',' : '.';
  let text = input.replace(/[\s\u00a0]+/g, ' ').trim();
  if (text === '') return fail('amount is empty');

  let negative = false;
  let signs = 0;
  const takeSign = (): void => {
    const c = text[0];
    if (c === '-' || c === '+' || c === '\u2212') {
      signs += 1;
      negative = c !== '+';
      text = text.slice(1).trimStart();
    }
  };
  takeSign();
  const currency = CURRENCY.exec(text);
  if (currency) text = text.slice(currency[0].length).trimStart();
  takeSign();
  if (signs > 1 || /^[-+\u2212]/.test(text)) return fail(`amount "${input}" has more than one sign`);
  if (text === '') return fail(`amount "${input}" has no digits`);
  if (text.endsWith(`${decimal}-`)) text = text.slice(0, -2); // "Rp 50.000,-" means no sen
  if (/[^0-9.,]/.test(text)) return fail(`amount "${input}" contains characters that are not digits or separators`);

  const g = escape(group);
  const d = escape(decimal);
  const o = escape(decimal === ',' ? '.' : ',');
  const grouped = new RegExp(`^([1-9]\\d{0,2}(?:${g}\\d{3})+|\\d+)(?:${d}(\\d{1,2}))?$`);
  const machine = new RegExp(`^(\\d+)${o}(\\d{1,2})$`);
  const m = grouped.exec(text) ?? machine.exec(text);
  if (!m || m[1] === undefined) {
    if (style === 'id' && /^\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?$/.test(text)) {
      return fail(
        `amount "${input}" uses "," to group thousands; Indonesian format uses "." for thousands and "," for decimals (pass style "en" for English-formatted files)`,
      );
    }
    return fail(
      `amount "${input}" is not a well-formed number (${style === 'id' ? 'expected e.g. 1.250.000 or 1.250.000,00' : 'expected e.g. 1,250,000 or 1,250,000.00'})`,
    );
  }
  const fraction = m[2];
  if (fraction !== undefined && /[^0]/.test(fraction)) {
    return fail(`amount "${input}" has non-zero sen (${fraction}); amounts must be whole rupiah`);
  }
  const whole = BigInt(m[1].split(group).join(''));
  return ok((negative ? -whole : whole) as Rupiah);
}

function escape(c: string): string {
  return c === '.' ? '\\.' : c;
}

/**
 * Formats as Indonesians read money: `Rp1.250.000`, `-Rp1.250.000`. The output parses back
 * with `parseRupiah` to the same amount.
 */
export function formatRupiah(value: Rupiah): string {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString();
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${negative ? '-' : ''}Rp${grouped}`;
}

/**
 * Splits an amount across weights so the parts add up to exactly `total` (largest-remainder
 * method: floor shares, then the leftover rupiah go one each to the largest remainders, earlier
 * index first on ties). Used to spread a payment or a discount over instalments without
 * losing or inventing a rupiah. Zero weights always receive zero. A negative total is split
 * as its absolute value and negated.
 * Throws on an empty weight list, a negative weight, or weights that sum to zero.
 *
 * @example splitProportionally(rupiah(100), [1n, 1n, 1n]) // [34n, 33n, 33n]
 */
export function splitProportionally(total: Rupiah, weights: readonly bigint[]): Rupiah[] {
  if (weights.length === 0) throw new RangeError('cannot split across zero weights');
  let weightSum = 0n;
  for (const w of weights) {
    if (w < 0n) throw new RangeError(`weights must not be negative (got ${w})`);
    weightSum += w;
  }
  if (weightSum === 0n) throw new RangeError('weights must not all be zero');
  const negative = total < 0n;
  const amount = negative ? -total : total;

  const shares = weights.map((w) => (amount * w) / weightSum);
  const remainders = weights.map((w, index) => ({ index, rem: (amount * w) % weightSum }));
  let leftover = amount - shares.reduce((a, b) => a + b, 0n);
  remainders.sort((a, b) => (a.rem === b.rem ? a.index - b.index : a.rem > b.rem ? -1 : 1));
  for (const { index } of remainders) {
    if (leftover === 0n) break;
    shares[index] = (shares[index] ?? 0n) + 1n;
    leftover -= 1n;
  }
  return shares.map((s) => (negative ? -s : s) as Rupiah);
}

/** Alias named as in STYLE.md's money module. */
export const allocate = splitProportionally;
