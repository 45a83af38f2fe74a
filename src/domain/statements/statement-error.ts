/**
 * The one error a statement parser produces. Parsers throw it internally (deep inside a field
 * parser is the only place that knows the line) and `parseStatement` turns it into a
 * `{ ok: false }` value, so callers never see an exception for a malformed file.
 * Anything else thrown is a bug, which is what the fuzz tests check.
 */
export class StatementParseError extends Error {
  override readonly name = 'StatementParseError';

  /**
   * @param line 1-based line in the decoded file, or null when the problem is the file as a whole.
   * @param field the MT940 tag (`:61:`) or CSV column name the problem is in, or null.
   * @param reason what is wrong, without the location (the location is prefixed by `message`).
   * @param row for CSV, the 1-based data row (header excluded), matching the `{row, field}` errors of other imports.
   */
  constructor(
    readonly line: number | null,
    readonly field: string | null,
    readonly reason: string,
    readonly row: number | null = null,
  ) {
    super(describe(line, field, reason, row));
  }
}

function describe(line: number | null, field: string | null, reason: string, row: number | null): string {
  const at = line === null ? null : row === null ? `line ${line}` : `line ${line} (row ${row})`;
  // MT940 fields are tags (`:61:`); anything else is a CSV column name.
  const what = field === null ? null : field.startsWith(':') ? `field ${field}` : `column ${quote(field)}`;
  const where = [at, what].filter((p) => p !== null);
  return where.length === 0 ? reason : `${where.join(', ')}: ${reason}`;
}

/** Shows a raw value in an error message without letting control characters or huge blobs through. */
export function quote(raw: string): string {
  const clean = raw.replace(/[\u0000-\u001f\u007f]/g, '?');
  return `'${clean.length > 40 ? `${clean.slice(0, 40)}…` : clean}'`;
}
