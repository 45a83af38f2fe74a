import { StatementParseError, quote } from './statement-error.ts';

/** One physical line of a field, with its 1-based line number in the file (errors point at it). */
export interface Mt940Line {
  readonly text: string;
  readonly lineNo: number;
}

/** A tagged MT940 field: `tag` without colons (`61`, `60F`, `NS`), `lines[0]` is the text after the tag. */
export interface Mt940Field {
  readonly tag: string;
  readonly lines: readonly Mt940Line[];
}

const FIELD_START = /^:(\d{2}[A-Z]?|NS):/;
/** Transmission headers some banks put before bare statements (ABN AMRO: BIC line, `940` line). */
const BARE_HEADER = /^(?:[A-Z]{6}[A-Z0-9]{2}(?:[A-Z0-9]{3})?|940|:940:)$/;

/** Splits text into lines the way banks produce them: CRLF, LF or a lone CR. */
export function splitLines(text: string): string[] {
  return text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
}

/**
 * Turns an MT940 file into its tagged fields, dropping SWIFT envelopes (`{1:…}{2:…}{4:` … `-}{5:…}`)
 * and message separators (`-`). Works the same for enveloped and bare files, and for several
 * messages in one file. Lines that do not start a field continue the previous one.
 */
export function readMt940Fields(text: string): Mt940Field[] {
  const fields: { tag: string; lines: Mt940Line[] }[] = [];
  let current: { tag: string; lines: Mt940Line[] } | null = null;
  let inBlock4 = false;
  let block4Line = 0;
  const lines = splitLines(text);

  const handle = (raw: string, lineNo: number): void => {
    const line = raw.replace(/[ \t]+$/, '');
    if (line === '') return;
    if (line === '-' || line.startsWith('-}')) {
      current = null;
      inBlock4 = false;
      return;
    }
    if (line.startsWith('{')) {
      if (inBlock4) throw new StatementParseError(lineNo, null, "new message starts before the previous one was closed with '-}'");
      const block4 = line.indexOf('{4:');
      if (block4 === -1) return; // basic/application/user header or trailer blocks carry no statement data
      inBlock4 = true;
      block4Line = lineNo;
      current = null;
      const rest = line.slice(block4 + 3);
      if (rest !== '') handle(rest, lineNo);
      return;
    }
    const start = FIELD_START.exec(line);
    if (start) {
      current = { tag: start[1]!, lines: [{ text: line.slice(start[0].length), lineNo }] };
      fields.push(current);
      return;
    }
    if (current === null) {
      if (BARE_HEADER.test(line)) return;
      throw new StatementParseError(lineNo, null, `unexpected text outside a field: ${quote(line)}`);
    }
    current.lines.push({ text: line, lineNo });
  };

  lines.forEach((line, i) => handle(line, i + 1));
  if (inBlock4) throw new StatementParseError(block4Line, null, "message block {4: is not closed with '-}' (file truncated?)");
  return fields;
}
