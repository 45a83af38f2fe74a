import type { CsvPreset } from './csv-presets.ts';
import { detectStatementFormat } from './detect-format.ts';
import { parseCsvStatement } from './parse-csv-statement.ts';
import { parseMt940 } from './parse-mt940.ts';
import { StatementParseError } from './statement-error.ts';
import type { StatementFormat, StatementParseResult } from './statement-types.ts';

export interface ParseStatementOptions {
  /** Omit to detect from the text. */
  readonly format?: StatementFormat;
  /** CSV layout: a built-in name (`generic`, `bca`, `mandiri`) or a custom `CsvPreset`. Omit to try every built-in one. */
  readonly preset?: string | CsvPreset;
}

/**
 * The one door to statement parsing: decoded text in, every statement out, or the first problem with
 * its line and field. All or nothing — a file with one bad line yields no transactions, so a
 * reconciliation run can never book half a statement.
 * Example: `parseStatement(text, { format: 'mt940' })` → `{ ok: true, format: 'mt940', statements: [...] }`.
 */
export function parseStatement(text: string, options: ParseStatementOptions = {}): StatementParseResult {
  const format = options.format ?? (options.preset !== undefined ? 'csv' : detectStatementFormat(text));
  try {
    const statements = format === 'mt940' ? parseMt940(text) : [parseCsvStatement(text, options.preset)];
    return { ok: true, format, statements };
  } catch (err) {
    if (err instanceof StatementParseError) return { ok: false, error: err };
    throw err;
  }
}
