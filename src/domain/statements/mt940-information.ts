import type { Mt940Line } from './mt940-fields.ts';

/** SWIFT wraps :86: at 65 characters; a full line was cut by the wrap, not by the writer. */
const SWIFT_LINE_WIDTH = 65;

/**
 * Joins the lines of a :86: field into one description. A line that fills the 65-character width
 * was hard-wrapped, so it joins without a space (`BUDI SANT` + `OSO`); German/Dutch structured
 * subfields (`?20…`, `?21…`) join without a separator and stay raw for the matcher to read.
 * Otherwise lines join with one space. Example: `['TRF 0123 BUDI', 'CICILAN NOV']` → `'TRF 0123 BUDI CICILAN NOV'`.
 */
export function joinInformation(lines: readonly Mt940Line[]): string {
  let text = '';
  lines.forEach((line, i) => {
    const part = i === 0 ? line.text.replace(/^[ \t]+/, '') : line.text;
    if (i === 0) {
      text = part;
      return;
    }
    const previous = lines[i - 1]!.text;
    const glue = previous.length >= SWIFT_LINE_WIDTH || /^\?\d{2}/.test(part) ? '' : ' ';
    text += glue + (glue === ' ' ? part.trimStart() : part);
  });
  return text.trim();
}
