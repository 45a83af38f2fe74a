import type { Readable, Writable } from 'node:stream';
import { parse } from 'csv-parse';

/** A structural CSV problem (unclosed quote, bad header): the file is rejected whole. */
export class CsvFileError extends Error {
  override readonly name = 'CsvFileError';
  constructor(
    readonly row: number,
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

export interface CsvRecord {
  /** Spreadsheet row number: the header is row 1, the first data row is row 2. */
  readonly row: number;
  readonly values: Readonly<Record<string, string>>;
  /** Set when the record has a different number of fields than the header. */
  readonly fieldCountError: string | null;
}

/** Picks ';' or ',' by counting them in the header line (outside quotes). */
export function detectDelimiter(headerLine: string): ',' | ';' {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === ',') commas++;
    else if (!quoted && ch === ';') semicolons++;
  }
  return semicolons > commas ? ';' : ',';
}

/**
 * Waits for 'drain' or 'close', removing the listener that did not fire: leaving it piled up one
 * 'close' listener per full buffer (MaxListenersExceededWarning on any large file).
 */
function drainOrClose(stream: Writable): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done);
      stream.off('close', done);
      resolve();
    };
    stream.once('drain', done);
    stream.once('close', done);
  });
}

/**
 * Streams a CSV file as records keyed by normalised header names (trimmed, lower-case).
 * Memory stays bounded: one record at a time. Header names are returned first via `onHeader`.
 */
export async function* readCsvRecords(input: Readable, onHeader: (header: string[]) => void): AsyncGenerator<CsvRecord> {
  // Buffer just enough to see the header line and choose the delimiter.
  const chunks: Buffer[] = [];
  let seen = '';
  const iterator = input[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  for (;;) {
    const next = await iterator.next();
    if (next.done) break;
    const buf = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
    chunks.push(buf);
    seen += buf.toString('utf8');
    if (seen.includes('\n') || seen.length > 64 * 1024) break;
  }
  const delimiter = detectDelimiter(seen.replace(/^\uFEFF/, '').split(/\r?\n/)[0] ?? '');
  const parser = parse({ bom: true, delimiter, relax_column_count: true, skip_empty_lines: true, info: true });
  // Backpressure: wait for the parser to drain, or stop feeding when the reader gave up (parser closed).
  const write = async (chunk: Buffer | string) => {
    if (parser.destroyed) return false;
    if (!parser.write(chunk)) await drainOrClose(parser);
    return !parser.destroyed;
  };
  const feed = (async () => {
    try {
      for (const c of chunks) if (!(await write(c))) return;
      for (;;) {
        const next = await iterator.next();
        if (next.done) break;
        if (!(await write(next.value))) return;
      }
      parser.end();
    } catch (e) {
      parser.destroy(e as Error);
    }
  })();

  let header: string[] | null = null;
  let row = 0;
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      row++;
      const fields = item.record;
      if (header === null) {
        header = fields.map((h) => h.trim().toLowerCase());
        onHeader(header);
        continue;
      }
      if (fields.every((f) => f.trim() === '')) continue;
      const values: Record<string, string> = {};
      header.forEach((h, i) => {
        values[h] = fields[i] ?? '';
      });
      const fieldCountError = fields.length === header.length ? null : `has ${fields.length} fields, the header has ${header.length}`;
      yield { row, values, fieldCountError };
    }
  } catch (e) {
    if (e instanceof CsvFileError) throw e;
    const err = e as Error & { code?: string; lines?: number };
    throw new CsvFileError(err.lines ?? row + 1, 'file', `malformed CSV near line ${err.lines ?? row + 1}: ${err.message}`);
  } finally {
    if (!parser.readableEnded) parser.destroy();
    await feed;
  }
  if (header === null) throw new CsvFileError(1, 'header', 'the file is empty: a header row is required');
}
