import type { Mt940Field } from './mt940-fields.ts';
import { parseEntryDate, parseSwiftAmount, parseYymmdd } from './mt940-values.ts';
import { StatementParseError, quote } from './statement-error.ts';
import type { Direction } from './statement-types.ts';

/** The content of one :61: statement line, before the :86: text and statement context are added. */
export interface Mt940StatementLine {
  readonly date: string;
  readonly entryDate: string | null;
  readonly direction: Direction;
  readonly reversal: boolean;
  readonly fundsCode: string | null;
  readonly amountMinor: bigint;
  readonly transactionType: string;
  readonly reference: string;
  readonly bankReference: string | null;
  readonly supplementary: string | null;
  readonly lineNo: number;
}

const MARKS: Record<string, { direction: Direction; reversal: boolean }> = {
  C: { direction: 'credit', reversal: false },
  D: { direction: 'debit', reversal: false },
  // Reversal of a credit takes money out again, reversal of a debit gives it back.
  RC: { direction: 'debit', reversal: true },
  RD: { direction: 'credit', reversal: true },
};

/**
 * Parses :61: `6!n[4!n]2a[1!a]15d1!a3!c16x[//16x]` plus the optional second line `[34x]`
 * (supplementary details), reading left to right so an error names the exact sub-field.
 * Example: `2501020102C1250000,00NTRFVA8801234567//BCA2501020001`.
 */
export function parseStatementLine(field: Mt940Field, currency: string): Mt940StatementLine {
  const tag = `:${field.tag}:`;
  const first = field.lines[0]!;
  const lineNo = first.lineNo;
  if (field.lines.length > 2) {
    throw new StatementParseError(field.lines[2]!.lineNo, tag, 'too many lines (a statement line has at most 2: entry and supplementary details)');
  }
  let rest = first.text;
  const fail = (reason: string): never => {
    throw new StatementParseError(lineNo, tag, reason);
  };

  const valueRaw = /^\d*/.exec(rest)![0];
  if (valueRaw.length < 6) fail(valueRaw === '' && rest === '' ? 'empty statement line' : `invalid value date ${quote(rest.slice(0, 6))}`);
  const value = parseYymmdd(rest.slice(0, 6), 'value date', lineNo, tag);
  let entryDate: string | null = null;
  if (valueRaw.length === 10) {
    entryDate = parseEntryDate(rest.slice(6, 10), value, lineNo, tag);
  } else if (valueRaw.length !== 6) {
    fail(`invalid value/entry date ${quote(valueRaw)} (expected YYMMDD or YYMMDDMMDD)`);
  }
  rest = rest.slice(valueRaw.length);

  const markRaw = /^(RC|RD|C|D)/.exec(rest)?.[1];
  if (markRaw === undefined) return fail(rest === '' ? 'truncated: missing debit/credit mark' : `invalid debit/credit mark ${quote(rest.slice(0, 2))} (expected C, D, RC or RD)`);
  const mark = MARKS[markRaw]!;
  rest = rest.slice(markRaw.length);

  let fundsCode: string | null = null;
  if (/^[A-Z]/.test(rest)) {
    fundsCode = rest[0]!;
    rest = rest.slice(1);
  }

  // Dots are never valid in SWIFT amounts, but take them so the error shows the whole bad amount.
  const amountRaw = /^[0-9.,]*/.exec(rest)![0];
  if (amountRaw === '') fail(rest === '' ? 'truncated: missing amount' : `invalid amount ${quote(rest.slice(0, 15))}`);
  const amountMinor = parseSwiftAmount(amountRaw, currency, lineNo, tag);
  rest = rest.slice(amountRaw.length);

  const typeRaw = /^[NFS][A-Z0-9]{3}/.exec(rest)?.[0];
  if (typeRaw === undefined) return fail(rest === '' ? 'truncated: missing transaction type' : `invalid transaction type ${quote(rest.slice(0, 4))}`);
  rest = rest.slice(4);

  const split = rest.indexOf('//');
  const reference = (split === -1 ? rest : rest.slice(0, split)).trim();
  const bankReference = split === -1 ? null : rest.slice(split + 2).trim() || null;
  const supplementary = field.lines[1]?.text.trim() || null;

  return {
    date: value.iso,
    entryDate,
    direction: mark.direction,
    reversal: mark.reversal,
    fundsCode,
    amountMinor,
    transactionType: typeRaw,
    reference,
    bankReference,
    supplementary,
    lineNo,
  };
}
