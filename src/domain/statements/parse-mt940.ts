import { currencyExponent, formatMinorUnits } from './minor-units.ts';
import { readMt940Fields, type Mt940Field } from './mt940-fields.ts';
import { joinInformation } from './mt940-information.ts';
import { parseStatementLine, type Mt940StatementLine } from './mt940-statement-line.ts';
import { parseBalance } from './mt940-values.ts';
import { StatementParseError, quote } from './statement-error.ts';
import type { ParsedStatement, StatementBalance, StatementTransaction } from './statement-types.ts';

/** Tags that may appear but carry nothing a statement reader needs (bank-internal, MT942 extras). */
const IGNORED_TAGS: ReadonlySet<string> = new Set(['NS', '13D', '34F', '90D', '90C']);
const SINGLE_LINE_TAGS: ReadonlySet<string> = new Set(['20', '21', '28', '28C', '60F', '60M', '62F', '62M', '64', '65']);

interface Draft {
  lineNo: number;
  statementRef: string;
  relatedRef: string | null;
  account: string | null;
  statementNo: string | null;
  opening: { balance: StatementBalance; lineNo: number } | null;
  closing: { balance: StatementBalance; lineNo: number } | null;
  available: StatementBalance | null;
  forward: StatementBalance[];
  information: string[];
  lines: { line: Mt940StatementLine; information: string | null }[];
}

/**
 * Parses an MT940 file (one or more statements, enveloped or bare) and checks each statement's
 * arithmetic: opening + credits − debits must equal closing. Throws `StatementParseError` naming the
 * line and field of the first problem; callers use `parseStatement`, which returns it as a value.
 */
export function parseMt940(text: string): ParsedStatement[] {
  const fields = readMt940Fields(text);
  const statements: ParsedStatement[] = [];
  let draft: Draft | null = null;
  let previousField: string | null = null;

  for (const field of fields) {
    const tag = `:${field.tag}:`;
    const first = field.lines[0]!;
    const value = first.text.trim();
    const fail = (reason: string, lineNo = first.lineNo): never => {
      throw new StatementParseError(lineNo, tag, reason);
    };
    if (SINGLE_LINE_TAGS.has(field.tag) && field.lines.length > 1) {
      fail(`unexpected continuation line ${quote(field.lines[1]!.text)}`, field.lines[1]!.lineNo);
    }
    if (field.tag === '20') {
      if (draft !== null) statements.push(finish(draft, statements.at(-1)));
      if (value === '') fail('empty transaction reference');
      draft = emptyDraft(first.lineNo, value);
      previousField = field.tag;
      continue;
    }
    if (IGNORED_TAGS.has(field.tag)) continue;
    if (draft === null) return fail('statement does not start with :20: (transaction reference)');
    const d: Draft = draft;
    const noTransactionsYet = d.lines.length === 0 && d.opening === null;

    switch (field.tag) {
      case '21':
        if (d.relatedRef !== null) fail('duplicate field');
        d.relatedRef = value;
        break;
      case '25':
      case '25P':
        if (d.account !== null) fail('duplicate field');
        if (value === '') fail('empty account identification');
        if (!noTransactionsYet) fail('account identification after the opening balance');
        d.account = value;
        break;
      case '28':
      case '28C':
        if (d.statementNo !== null) fail('duplicate field');
        if (!/^\d{1,5}(\/\d{1,5})?$/.test(value)) fail(`invalid statement/sequence number ${quote(value)}`);
        d.statementNo = value;
        break;
      case '60F':
      case '60M':
        if (d.opening !== null) fail('duplicate opening balance');
        if (d.account === null) fail('opening balance before :25: (account identification)');
        d.opening = { balance: parseBalance(value, field.tag === '60F' ? 'final' : 'intermediate', first.lineNo, tag), lineNo: first.lineNo };
        break;
      case '61': {
        if (d.opening === null) fail('statement line before the opening balance (:60F:/:60M:)');
        if (d.closing !== null) fail('statement line after the closing balance');
        d.lines.push({ line: parseStatementLine(field, d.opening!.balance.currency), information: null });
        break;
      }
      case '86': {
        const info = joinInformation(field.lines);
        const last = d.lines.at(-1);
        if (previousField === '61' && last !== undefined) last.information = info;
        else if (d.opening === null) fail('information field before the opening balance');
        else d.information.push(info);
        break;
      }
      case '62F':
      case '62M':
        if (d.closing !== null) fail('duplicate closing balance');
        if (d.opening === null) fail('closing balance without an opening balance');
        d.closing = { balance: parseBalance(value, field.tag === '62F' ? 'final' : 'intermediate', first.lineNo, tag), lineNo: first.lineNo };
        break;
      case '64':
        if (d.closing === null) fail('available balance before the closing balance');
        if (d.available !== null) fail('duplicate field');
        d.available = parseBalance(value, 'final', first.lineNo, tag);
        break;
      case '65':
        if (d.closing === null) fail('forward available balance before the closing balance');
        d.forward.push(parseBalance(value, 'final', first.lineNo, tag));
        break;
      default:
        fail('unknown field');
    }
    previousField = field.tag;
  }
  if (draft !== null) statements.push(finish(draft, statements.at(-1)));
  if (statements.length === 0) throw new StatementParseError(null, null, 'no MT940 statement found (no :20: field)');
  return statements;
}

function emptyDraft(lineNo: number, statementRef: string): Draft {
  return {
    lineNo,
    statementRef,
    relatedRef: null,
    account: null,
    statementNo: null,
    opening: null,
    closing: null,
    available: null,
    forward: [],
    information: [],
    lines: [],
  };
}

/** Checks completeness and arithmetic of one statement and builds its transactions. */
function finish(d: Draft, previous: ParsedStatement | undefined): ParsedStatement {
  const missing = (what: string): never => {
    throw new StatementParseError(d.lineNo, ':20:', `statement ${quote(d.statementRef)} has no ${what}`);
  };
  if (d.account === null) return missing(':25: (account identification)');
  if (d.statementNo === null) return missing(':28C: (statement number)');
  if (d.opening === null) return missing(':60F:/:60M: (opening balance)');
  if (d.closing === null) return missing(':62F:/:62M: (closing balance) — file truncated?');
  const opening = d.opening.balance;
  const closing = d.closing.balance;
  const currency = opening.currency;
  const exponent = currencyExponent(currency);
  const closingTag = closing.kind === 'final' ? ':62F:' : ':62M:';
  if (closing.currency !== currency) {
    throw new StatementParseError(d.closing.lineNo, closingTag, `currency ${closing.currency} differs from the opening balance currency ${currency}`);
  }
  for (const other of [d.available, ...d.forward]) {
    if (other !== null && other.currency !== currency) {
      throw new StatementParseError(d.closing.lineNo, closingTag, `available balance currency ${other.currency} differs from ${currency}`);
    }
  }
  if (
    previous !== undefined &&
    opening.kind === 'intermediate' &&
    previous.closingBalance?.kind === 'intermediate' &&
    previous.account === d.account &&
    (previous.closingBalance.amountMinor !== opening.amountMinor || previous.closingBalance.currency !== currency)
  ) {
    throw new StatementParseError(
      d.opening.lineNo,
      ':60M:',
      `intermediate opening balance ${opening.amount} ${currency} does not continue the previous page's closing balance ${previous.closingBalance.amount} ${previous.closingBalance.currency}`,
    );
  }

  let computed = opening.amountMinor;
  for (const { line } of d.lines) computed += line.direction === 'credit' ? line.amountMinor : -line.amountMinor;
  if (computed !== closing.amountMinor) {
    throw new StatementParseError(
      d.closing.lineNo,
      closingTag,
      `closing balance ${closing.amount} ${currency} does not match opening ${opening.amount} + credits − debits = ${formatMinorUnits(computed, exponent)}`,
    );
  }

  const transactions: StatementTransaction[] = d.lines.map(({ line, information }, i) => ({
    date: line.date,
    entryDate: line.entryDate,
    amount: formatMinorUnits(line.amountMinor, exponent),
    amountMinor: line.amountMinor,
    minorExponent: exponent,
    currency,
    direction: line.direction,
    reversal: line.reversal,
    reference: line.reference,
    bankReference: line.bankReference,
    transactionType: line.transactionType,
    description: information ?? line.supplementary ?? '',
    account: d.account,
    statementRef: d.statementRef,
    statementNo: d.statementNo,
    lineNo: line.lineNo,
    position: i + 1,
  }));
  return {
    format: 'mt940',
    preset: null,
    account: d.account,
    statementRef: d.statementRef,
    relatedRef: d.relatedRef,
    statementNo: d.statementNo,
    currency,
    openingBalance: opening,
    closingBalance: closing,
    availableBalance: d.available,
    forwardBalances: d.forward,
    information: d.information.length === 0 ? null : d.information.join(' '),
    lineNo: d.lineNo,
    transactions,
  };
}
