/**
 * Bank statement parsing (MT940 and CSV) — pure: decoded text in, `ParsedStatement[]` out.
 * Reconciliation consumes `StatementTransaction` from here; reading files and decoding bytes is
 * `src/modules/statements/`.
 */
export { parseStatement, type ParseStatementOptions } from './parse-statement.ts';
export { detectStatementFormat } from './detect-format.ts';
export { StatementParseError } from './statement-error.ts';
export { CSV_PRESETS, GENERIC_PRESET, BCA_PRESET, MANDIRI_PRESET, type CsvPreset, type DirectionRule, type ColumnNames } from './csv-presets.ts';
export { AMOUNT_FORMATS, parseCsvAmount, type AmountFormat } from './csv-amount.ts';
export { DATE_FORMATS, type DateFormat } from './csv-date.ts';
export { currencyExponent, formatMinorUnits } from './minor-units.ts';
export {
  STATEMENT_FORMATS,
  DIRECTIONS,
  BALANCE_KINDS,
  type StatementFormat,
  type Direction,
  type BalanceKind,
  type StatementTransaction,
  type StatementBalance,
  type ParsedStatement,
  type StatementParseResult,
} from './statement-types.ts';
