import { expandTwoDigitYear, inferEntryYear, isRealDate, isoDate } from './calendar-date.ts';
import { currencyExponent, formatMinorUnits, isCurrencyCode, toMinorUnits } from './minor-units.ts';
import { StatementParseError, quote } from './statement-error.ts';
import type { BalanceKind, StatementBalance } from './statement-types.ts';

/** A parsed `YYMMDD` date with its parts kept for entry-date year inference. */
export interface Mt940Date {
  readonly iso: string;
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** Reads SWIFT `6!n` `YYMMDD`; `what` names the date in the error (`value date`, `balance date`). */
export function parseYymmdd(raw: string, what: string, lineNo: number, field: string): Mt940Date {
  if (!/^\d{6}$/.test(raw)) throw new StatementParseError(lineNo, field, `invalid ${what} ${quote(raw)}`);
  const year = expandTwoDigitYear(Number(raw.slice(0, 2)));
  const month = Number(raw.slice(2, 4));
  const day = Number(raw.slice(4, 6));
  if (!isRealDate(year, month, day)) throw new StatementParseError(lineNo, field, `invalid ${what} ${quote(raw)}`);
  return { iso: isoDate(year, month, day), year, month, day };
}

/** Reads the :61: entry date `MMDD`, taking the year nearest the value date (handles year-end). */
export function parseEntryDate(raw: string, value: Mt940Date, lineNo: number, field: string): string {
  const month = Number(raw.slice(0, 2));
  const day = Number(raw.slice(2, 4));
  const year = inferEntryYear(value.year, value.month, value.day, month, day);
  if (year === null) throw new StatementParseError(lineNo, field, `invalid entry date ${quote(raw)}`);
  return isoDate(year, month, day);
}

/**
 * Reads SWIFT `15d`: digits with a decimal comma (`1250000,00`, `1250000,` or, leniently, `1250000`),
 * into minor units of `currency`. Rejects dots, signs and extra precision instead of guessing.
 */
export function parseSwiftAmount(raw: string, currency: string, lineNo: number, field: string): bigint {
  const m = /^(\d+)(?:,(\d*))?$/.exec(raw);
  if (!m || raw.length > 15) throw new StatementParseError(lineNo, field, `invalid amount ${quote(raw)}`);
  const minor = toMinorUnits(m[1]!, m[2] ?? '', currencyExponent(currency));
  if (!minor.ok) throw new StatementParseError(lineNo, field, `invalid amount ${quote(raw)}: ${minor.reason} for ${currency}`);
  return minor.value;
}

/**
 * Reads a balance field (`1!a6!n3!a15d`, e.g. `C250102IDR1250000,00`) from :60a:, :62a:, :64:, :65:.
 * The result is signed: a `D` balance is negative.
 */
export function parseBalance(raw: string, kind: BalanceKind, lineNo: number, field: string): StatementBalance {
  const mark = raw.slice(0, 1);
  if (mark !== 'C' && mark !== 'D') throw new StatementParseError(lineNo, field, `invalid debit/credit mark ${quote(mark)} (expected C or D)`);
  const date = parseYymmdd(raw.slice(1, 7), 'balance date', lineNo, field);
  const currency = raw.slice(7, 10);
  if (!isCurrencyCode(currency)) throw new StatementParseError(lineNo, field, `invalid currency ${quote(currency)}`);
  const unsigned = parseSwiftAmount(raw.slice(10), currency, lineNo, field);
  const amountMinor = mark === 'D' ? -unsigned : unsigned;
  return { kind, date: date.iso, currency, amountMinor, amount: formatMinorUnits(amountMinor, currencyExponent(currency)) };
}
