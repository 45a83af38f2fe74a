/**
 * Exact amounts for statements: integer minor units (`bigint`) plus the currency's ISO 4217 exponent.
 * Statements carry cents even for IDR (`1250000,00`), so rupiah-only money would lose information;
 * reconciliation converts to rupiah itself once it has checked the sen are zero.
 */

/** ISO 4217 currencies without minor units. Every other code is treated as 2, except `THREE_DECIMALS`. */
const ZERO_DECIMALS: ReadonlySet<string> = new Set([
  'BIF', 'CLP', 'DJF', 'GNF', 'ISK', 'JPY', 'KMF', 'KRW', 'PYG', 'RWF', 'UGX', 'UYI', 'VND', 'VUV', 'XAF', 'XOF', 'XPF',
]);
const THREE_DECIMALS: ReadonlySet<string> = new Set(['BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND']);

/** Number of decimals in the currency's minor unit (IDR is 2 per ISO 4217, even though sen are unused). */
export function currencyExponent(currency: string): number {
  if (ZERO_DECIMALS.has(currency)) return 0;
  if (THREE_DECIMALS.has(currency)) return 3;
  return 2;
}

/** A currency code as statements write it: three letters, upper case. */
export function isCurrencyCode(raw: string): boolean {
  return /^[A-Z]{3}$/.test(raw);
}

/**
 * Converts an unsigned integer part and fraction digits into minor units, or a reason string when
 * the fraction has more non-zero digits than the currency allows (that would silently round money).
 * Example: `toMinorUnits('1250000', '5', 2)` → `{ ok: true, value: 125000050n }`.
 */
export function toMinorUnits(
  integerDigits: string,
  fractionDigits: string,
  exponent: number,
): { ok: true; value: bigint } | { ok: false; reason: string } {
  if (!/^\d+$/.test(integerDigits) || !/^\d*$/.test(fractionDigits)) return { ok: false, reason: 'not a number' };
  const extra = fractionDigits.slice(exponent);
  if (/[1-9]/.test(extra)) return { ok: false, reason: `more than ${exponent} decimal digits` };
  const fraction = fractionDigits.slice(0, exponent).padEnd(exponent, '0');
  return { ok: true, value: BigInt(integerDigits + fraction) };
}

/** Formats minor units as a plain decimal string with exactly `exponent` decimals: `123456n, 2` → `'1234.56'`. */
export function formatMinorUnits(value: bigint, exponent: number): string {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(exponent + 1, '0');
  const whole = exponent === 0 ? digits : digits.slice(0, -exponent);
  const text = exponent === 0 ? whole : `${whole}.${digits.slice(-exponent)}`;
  return negative ? `-${text}` : text;
}
