import { parse, type Options } from 'csv-parse/sync';

export interface CsvRow {
  readonly cells: readonly string[];
  /** 1-based line where the record starts. */
  readonly line: number;
}

/** The records that end on or before a given line, and where in the text the records after them begin. */
export interface CsvRowPrefix {
  readonly rows: CsvRow[];
  /** Offset in the text (UTF-16 units) just after the last record read: every later record lies at or after it. */
  readonly restOffset: number;
}

/** Reads records as rows, and where the last one ends (UTF-8 bytes of the text, as csv-parse counts). */
function readRecords(text: string, delimiter: string, toLine?: number): { rows: CsvRow[]; endByte: number } {
  let endByte = 0;
  const options: Options<CsvRow, string[]> = {
    delimiter,
    ...(toLine === undefined ? {} : { to_line: toLine }),
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    // Each record's position is taken as it is read, so csv-parse's per-record info object dies young
    // instead of being kept (with `info: true`) alongside every row until the end.
    on_record: (record, info) => {
      endByte = info.bytes;
      return { cells: record, line: startLine(record, info.lines) };
    },
  };
  // The sync typings only let `on_record` change the record type together with `columns`.
  const rows = parse(text, options as unknown as Options) as unknown as CsvRow[];
  return { rows, endByte };
}

const LINE_BREAK = /\r\n|\r|\n/g;

/** info.lines is where a record ends; quoted cells can span lines, so count back to where it starts. */
function startLine(cells: readonly string[], endLine: number): number {
  let breaks = 0;
  for (const cell of cells) {
    // Nearly every cell is a single line: skip the regex (and its match array) for those.
    if (cell.includes('\n') || cell.includes('\r')) breaks += cell.match(LINE_BREAK)!.length;
  }
  return endLine - breaks;
}

/**
 * Every record of the text (or those ending by `toLine`). Throws csv-parse's `CsvError` on a quoting error;
 * a stream parser reads the same bytes the same way whatever follows, so `toLine` only cuts the list short
 * and an error it reports is the one the whole text would report.
 */
export function readRows(text: string, delimiter: string, toLine?: number): CsvRow[] {
  return readRecords(text, delimiter, toLine).rows;
}

/**
 * `readRows(text, delimiter, toLine)` plus the offset where the unread records begin (see `CsvRowPrefix`);
 * without `toLine`, every record (the whole-file reading the sniffing tests compare against).
 */
export function readRowPrefix(text: string, delimiter: string, toLine?: number): CsvRowPrefix {
  const { rows, endByte } = readRecords(text, delimiter, toLine);
  return { rows, restOffset: rows.length === 0 ? 0 : textOffset(text, endByte) };
}

/**
 * csv-parse reports positions in UTF-8 bytes of the text; converts one that falls between characters
 * (a record boundary) into a string offset. A character is at least one byte, so the first `bytes`
 * characters hold it.
 */
function textOffset(text: string, bytes: number): number {
  return Buffer.from(text.slice(0, bytes)).subarray(0, bytes).toString('utf8').length;
}
