import { CsvError } from 'csv-parse/sync';
import { parseCsvAmount } from './csv-amount.ts';
import { parseCsvDate } from './csv-date.ts';
import { HeaderWordIndex } from './csv-header-words.ts';
import { findLayout, type Layout } from './csv-layout.ts';
import { CSV_PRESETS, type CsvPreset } from './csv-presets.ts';
import { readRowPrefix, readRows, type CsvRow, type CsvRowPrefix } from './csv-rows.ts';
import { currencyExponent, formatMinorUnits, isCurrencyCode } from './minor-units.ts';
import { StatementParseError, quote } from './statement-error.ts';
import type { Direction, ParsedStatement, StatementBalance, StatementTransaction } from './statement-types.ts';

/*
 * Decision: the CSV tokenizer (`csv-parse/sync`) is used here, in the domain. It is a pure
 * string → records function with no I/O, clock or globals beyond the runtime's Buffer, like luxon
 * or zod; keeping it here lets `parseStatement(text)` be one pure call for the CLI, the HTTP upload
 * and reconciliation alike. File reading and byte decoding stay in `src/modules/statements/`.
 */

const DELIMITERS = [',', ';', '\t'] as const;

/**
 * Lines read with every delimiter before deciding which ones need the whole file. Bank preambles
 * (account, period) are a handful of lines; a longer one still works, it just costs whole-file parses.
 */
export const HEADER_SNIFF_LINES = 100;

/** What the whole text, read with one delimiter, contributes to choosing the layout. */
type Reading =
  | { readonly kind: 'rows'; readonly rows: CsvRow[]; readonly layouts: Layout[] }
  | { readonly kind: 'malformed'; readonly line: number; readonly message: string };

/**
 * Parses a CSV bank statement with a preset (name or object), or by trying every built-in preset
 * when none is given. Comma, semicolon and tab separators are recognised by finding the header.
 * Returns one statement; throws `StatementParseError` with line, data row and column on the first bad cell.
 */
export function parseCsvStatement(text: string, preset?: string | CsvPreset): ParsedStatement {
  return parseCsvStatementSniffing(text, preset, HEADER_SNIFF_LINES);
}

/**
 * `parseCsvStatement` looking for headers in the first `sniffLines` lines before deciding what to parse
 * whole; with `sniffLines` undefined every delimiter reads the whole text (the plain method the sniffing
 * must agree with, which the tests check).
 */
export function parseCsvStatementSniffing(text: string, preset: string | CsvPreset | undefined, sniffLines: number | undefined): ParsedStatement {
  const presets = resolvePresets(preset);
  const words = new HeaderWordIndex(text);
  let best: { layout: Layout; rows: CsvRow[] } | null = null;
  let failure: { line: number; message: string } | null = null;
  for (const delimiter of DELIMITERS) {
    const reading = readWithDelimiter(text, delimiter, presets, words, sniffLines);
    if (reading.kind === 'malformed') {
      // A quoting error only counts when this delimiter is the file's: its header must precede the error.
      if (failure === null && headerBefore(text, delimiter, reading.line, presets)) failure = reading;
      continue;
    }
    const { rows } = reading;
    for (const layout of reading.layouts) {
      const better =
        best === null ||
        rows[layout.headerIndex]!.line < best.rows[best.layout.headerIndex]!.line ||
        (rows[layout.headerIndex]!.line === best.rows[best.layout.headerIndex]!.line &&
          layout.headerNames.length > best.layout.headerNames.length);
      if (better) best = { layout, rows };
    }
  }
  // A header is only ever readable with the file's own delimiter, so a quoting error after it is the file's problem.
  if (failure !== null) throw new StatementParseError(failure.line, null, `malformed CSV: ${failure.message}`);
  if (best === null) {
    const expected = presets.map((p) => `${p.name}: ${p.summary}`).join('; ');
    throw new StatementParseError(null, null, `no header row found for ${presets.length === 1 ? 'preset' : 'any preset'} (${expected})`);
  }
  return readTransactions(best.layout, best.rows);
}

/**
 * The same reading as parsing the whole text and running `findLayout` for every preset, but the whole text
 * is only parsed when its first lines hold a header, or when a header may lie beyond them (see
 * `HeaderWordIndex`); and only presets whose header is not in the first lines are searched for in it.
 * Skipping the parse is safe because a delimiter without any header contributes nothing, not even its
 * quoting error (that needs a header before it). A preset found early is found at the same row in the whole
 * text, whose rows start with these.
 */
function readWithDelimiter(text: string, delimiter: string, presets: readonly CsvPreset[], words: HeaderWordIndex, sniffLines: number | undefined): Reading {
  let prefix: CsvRowPrefix;
  try {
    prefix = readRowPrefix(text, delimiter, sniffLines);
  } catch (err) {
    // Parsing stops at the same place with or without `to_line`: this is the whole text's error.
    return malformed(err);
  }
  const early = presets.map((p) => findLayout(prefix.rows, p));
  const searchLater = presets.map((p, i) => early[i] === null && words.mayHoldHeader(p, prefix.restOffset));
  if (early.every((l) => l === null) && !searchLater.includes(true)) return { kind: 'rows', rows: prefix.rows, layouts: [] };
  let rows: CsvRow[];
  try {
    rows = readRows(text, delimiter);
  } catch (err) {
    return malformed(err);
  }
  const layouts = presets.map((p, i) => early[i] ?? (searchLater[i] ? findLayout(rows, p) : null));
  return { kind: 'rows', rows, layouts: layouts.filter((l) => l !== null) };
}

function malformed(err: unknown): Reading {
  if (!(err instanceof CsvError)) throw err;
  const line = (err as CsvError & { lines?: number }).lines ?? 0;
  return { kind: 'malformed', line, message: err.message.replace(/ at line \d+/, '') };
}

function headerBefore(text: string, delimiter: string, errorLine: number, presets: readonly CsvPreset[]): boolean {
  if (errorLine <= 1) return false;
  try {
    const rows = readRows(text, delimiter, errorLine - 1);
    return presets.some((p) => findLayout(rows, p) !== null);
  } catch (err) {
    if (err instanceof CsvError) return false;
    throw err;
  }
}

function resolvePresets(preset: string | CsvPreset | undefined): CsvPreset[] {
  if (preset === undefined) return Object.values(CSV_PRESETS);
  if (typeof preset !== 'string') return [preset];
  const found = CSV_PRESETS[preset];
  if (found === undefined) throw new StatementParseError(null, null, `unknown CSV preset ${quote(preset)} (known: ${Object.keys(CSV_PRESETS).join(', ')})`);
  return [found];
}

interface Booked {
  readonly tx: StatementTransaction;
  readonly signed: bigint;
  readonly balance: bigint | null;
  readonly row: number;
  readonly balanceColumn: string;
}

/** Column positions of a matched header, resolved once per file rather than per row. */
interface ColumnIndexes {
  readonly date: number;
  readonly description: number;
  readonly entryDate: number | null;
  readonly reference: number | null;
  readonly currency: number | null;
  readonly balance: number | null;
  /** Per direction rule: `signed` [amount], `indicator` [amount, indicator], `split` [debit, credit]. */
  readonly direction: readonly [number, number | null];
}

function columnIndexes(layout: Layout): ColumnIndexes {
  const { preset, column } = layout;
  const rule = preset.direction;
  // findLayout only matches a header holding every required column, so these are found.
  const direction: [number, number | null] =
    rule.kind === 'signed' ? [column(rule.amount)!, null] : rule.kind === 'indicator' ? [column(rule.amount)!, column(rule.indicator)!] : [column(rule.debit)!, column(rule.credit)!];
  return {
    date: column(preset.columns.date)!,
    description: column(preset.columns.description)!,
    entryDate: column(preset.columns.entryDate),
    reference: column(preset.columns.reference),
    currency: column(preset.columns.currency),
    balance: column(preset.columns.balance),
    direction,
  };
}

/**
 * Reads the data rows of one file. The row being read is held in fields, not closures, so a 100,000-row
 * file does not allocate a handful of functions per row.
 */
class DataRowReader {
  private cells: readonly string[] = [];
  private line = 0;
  private row = 0;

  constructor(
    private readonly preset: CsvPreset,
    private readonly headerNames: readonly string[],
    readonly columns: ColumnIndexes,
  ) {}

  /** Moves to a data row: `row` is its 1-based number below the header. */
  moveTo({ cells, line }: CsvRow, row: number): void {
    this.cells = cells;
    this.line = line;
    this.row = row;
  }

  get currentLine(): number {
    return this.line;
  }

  get currentRow(): number {
    return this.row;
  }

  isBlank(): boolean {
    return this.cells.every((c) => c.trim() === '');
  }

  /** The first non-blank cell, trimmed and lower-cased (footer rows are recognised by it). */
  firstCell(): string {
    return this.cells.find((c) => c.trim() !== '')!.trim().toLowerCase();
  }

  cell(index: number | null): string {
    return index === null ? '' : (this.cells[index] ?? '').trim();
  }

  fail(index: number, reason: string): never {
    throw new StatementParseError(this.line, this.headerNames[index] ?? null, reason, this.row);
  }

  amountOf(index: number, exponent: number): bigint | null {
    const raw = this.cell(index);
    if (raw === '') return null;
    const parsed = parseCsvAmount(raw, this.preset.amountFormat, exponent);
    if (!parsed.ok) return this.fail(index, `invalid amount ${quote(raw)}: ${parsed.reason}`);
    if (this.preset.direction.kind !== 'indicator' && parsed.value.marker !== null) return this.fail(index, `unexpected ${parsed.value.marker} marker in amount ${quote(raw)}`);
    return parsed.value.minor;
  }

  /** Signed minor units of the row (credit positive), by the preset's direction rule. */
  signedAmount(exponent: number): bigint {
    const rule = this.preset.direction;
    const [first, second] = this.columns.direction;
    if (rule.kind === 'signed') return this.amountOf(first, exponent) ?? this.fail(first, 'missing amount');
    if (rule.kind === 'indicator') return this.indicatedAmount(rule, first, second!, exponent);
    const [debitIndex, creditIndex] = [first, second!];
    const debit = this.amountOf(debitIndex, exponent);
    const credit = this.amountOf(creditIndex, exponent);
    if (debit !== null && debit < 0n) return this.fail(debitIndex, 'negative amount in the debit column');
    if (credit !== null && credit < 0n) return this.fail(creditIndex, 'negative amount in the credit column');
    const hasDebit = debit !== null && debit !== 0n;
    const hasCredit = credit !== null && credit !== 0n;
    if (hasDebit && hasCredit) return this.fail(creditIndex, 'both debit and credit filled');
    if (hasDebit) return -debit!;
    if (hasCredit) return credit!;
    return this.fail(creditIndex, 'neither debit nor credit has an amount');
  }

  private indicatedAmount(rule: Extract<CsvPreset['direction'], { kind: 'indicator' }>, amountIndex: number, indicatorIndex: number, exponent: number): bigint {
    const raw = this.cell(amountIndex);
    if (raw === '') return this.fail(amountIndex, 'missing amount');
    const parsed = parseCsvAmount(raw, this.preset.amountFormat, exponent);
    if (!parsed.ok) return this.fail(amountIndex, `invalid amount ${quote(raw)}: ${parsed.reason}`);
    if (parsed.value.minor < 0n) return this.fail(amountIndex, `negative amount ${quote(raw)} with a separate CR/DB indicator`);
    const marker = (this.cell(indicatorIndex) || parsed.value.marker || '').toUpperCase();
    if (rule.credit.some((c) => c.toUpperCase() === marker)) return parsed.value.minor;
    if (rule.debit.some((c) => c.toUpperCase() === marker)) return -parsed.value.minor;
    return this.fail(indicatorIndex, marker === '' ? 'missing CR/DB indicator' : `invalid CR/DB indicator ${quote(marker)}`);
  }

  /** The running balance cell, or null when the layout has none or the cell is empty. */
  balance(exponent: number): bigint | null {
    const index = this.columns.balance;
    if (index === null || this.cell(index) === '') return null;
    const parsed = parseCsvAmount(this.cell(index), this.preset.amountFormat, exponent);
    if (!parsed.ok) return this.fail(index, `invalid amount ${quote(this.cell(index))}: ${parsed.reason}`);
    return parsed.value.marker === 'DB' || parsed.value.marker === 'DR' ? -parsed.value.minor : parsed.value.minor;
  }
}

/** Collapses whitespace runs to one space; most descriptions have none to collapse, and are returned as they are. */
function collapseSpaces(text: string): string {
  return /[^\S ]| \s/.test(text) ? text.replace(/\s+/g, ' ') : text;
}

function readTransactions(layout: Layout, rows: readonly CsvRow[]): ParsedStatement {
  const { preset, headerNames } = layout;
  const columns = columnIndexes(layout);
  const reader = new DataRowReader(preset, headerNames, columns);
  const footerPrefixes = preset.footerPrefixes.map((p) => p.toLowerCase());
  const pendingDates = preset.pendingDates.map((p) => p.toLowerCase());
  const balanceColumn = columns.balance === null ? '' : (headerNames[columns.balance] ?? '');
  const headerLine = rows[layout.headerIndex]!.line;
  const transactions: StatementTransaction[] = [];
  // Only a layout with a balance column needs each row's signed amount and balance kept for the running-balance check.
  const booked: Booked[] | null = columns.balance === null ? null : [];
  let currency: string | null = null;

  for (let i = layout.headerIndex + 1; i < rows.length; i++) {
    reader.moveTo(rows[i]!, i - layout.headerIndex);
    if (reader.isBlank()) continue;
    if (footerPrefixes.length > 0) {
      const firstCell = reader.firstCell();
      if (footerPrefixes.some((p) => firstCell.startsWith(p))) break;
    }
    const dateRaw = reader.cell(columns.date);
    if (pendingDates.length > 0 && pendingDates.includes(dateRaw.toLowerCase())) continue;

    const date = parseCsvDate(dateRaw, preset.dateFormat);
    if (date === null) reader.fail(columns.date, dateRaw === '' ? 'missing date' : `invalid date ${quote(dateRaw)}`);
    let entryDate: string | null = null;
    const entryDateRaw = reader.cell(columns.entryDate);
    if (columns.entryDate !== null && entryDateRaw !== '') {
      entryDate = parseCsvDate(entryDateRaw, preset.dateFormat);
      if (entryDate === null) reader.fail(columns.entryDate, `invalid date ${quote(entryDateRaw)}`);
    }
    const rowCurrency = reader.cell(columns.currency).toUpperCase() || preset.defaultCurrency;
    if (!isCurrencyCode(rowCurrency)) reader.fail(columns.currency ?? columns.date, `invalid currency ${quote(rowCurrency)}`);
    if (currency !== null && rowCurrency !== currency) reader.fail(columns.currency!, `currency ${rowCurrency} differs from ${currency} in earlier rows`);
    currency = rowCurrency;
    const exponent = currencyExponent(rowCurrency);

    const signed = reader.signedAmount(exponent);
    const balance = reader.balance(exponent);
    const amountMinor = signed < 0n ? -signed : signed;
    const direction: Direction = signed < 0n ? 'debit' : 'credit';
    // Every row has the statement's currency (checked above), so the row's exponent is the statement's.
    // Key order is the one transactions always had.
    const tx: StatementTransaction = {
      date: date!,
      entryDate,
      amountMinor,
      currency: rowCurrency,
      direction,
      reversal: false,
      reference: reader.cell(columns.reference),
      bankReference: null,
      transactionType: null,
      description: collapseSpaces(reader.cell(columns.description)),
      account: null,
      statementRef: null,
      statementNo: null,
      lineNo: reader.currentLine,
      amount: formatMinorUnits(amountMinor, exponent),
      minorExponent: exponent,
      position: transactions.length + 1,
    };
    transactions.push(tx);
    booked?.push({ tx, signed, balance, row: reader.currentRow, balanceColumn });
  }
  if (transactions.length === 0) throw new StatementParseError(headerLine, null, 'statement has a header but no transactions');
  const statementCurrency = currency ?? preset.defaultCurrency;
  const exponent = currencyExponent(statementCurrency);
  const balances = booked === null ? null : checkRunningBalance(booked, statementCurrency, exponent);

  return {
    format: 'csv',
    preset: preset.name,
    account: null,
    statementRef: null,
    relatedRef: null,
    statementNo: null,
    currency: statementCurrency,
    openingBalance: balances?.opening ?? null,
    closingBalance: balances?.closing ?? null,
    availableBalance: null,
    forwardBalances: [],
    information: null,
    lineNo: headerLine,
    transactions,
  };
}

/**
 * When the layout has a running balance, every row must satisfy previous balance + amount = balance,
 * reading the file either oldest-first or newest-first (some banks export newest first).
 * Returns the implied opening and closing balances, or null without a balance column.
 */
function checkRunningBalance(
  booked: readonly Booked[],
  currency: string,
  exponent: number,
): { opening: StatementBalance; closing: StatementBalance } | null {
  if (booked.length === 0 || booked.every((b) => b.balance === null)) return null;
  const mismatch = (order: readonly Booked[]): { at: Booked; expected: bigint } | null => {
    for (let i = 1; i < order.length; i++) {
      const prev = order[i - 1]!;
      const cur = order[i]!;
      if (prev.balance === null || cur.balance === null) continue;
      if (prev.balance + cur.signed !== cur.balance) return { at: cur, expected: prev.balance + cur.signed };
    }
    return null;
  };
  const forward = mismatch(booked);
  const reversed = [...booked].reverse();
  if (forward !== null && mismatch(reversed) !== null) {
    throw new StatementParseError(
      forward.at.tx.lineNo,
      forward.at.balanceColumn,
      `running balance ${formatMinorUnits(forward.at.balance!, exponent)} does not match previous balance + amount = ${formatMinorUnits(forward.expected, exponent)}`,
      forward.at.row,
    );
  }
  const chronological = forward === null ? booked : reversed;
  const first = chronological.find((b) => b.balance !== null)!;
  const last = [...chronological].reverse().find((b) => b.balance !== null)!;
  const balance = (minor: bigint, date: string): StatementBalance => ({
    kind: 'final',
    date,
    currency,
    amountMinor: minor,
    amount: formatMinorUnits(minor, exponent),
  });
  const firstIndex = chronological.indexOf(first);
  const lastIndex = chronological.indexOf(last);
  const sum = (rows: readonly Booked[]): bigint => rows.reduce((total, b) => total + b.signed, 0n);
  return {
    opening: balance(first.balance! - sum(chronological.slice(0, firstIndex + 1)), chronological[0]!.tx.date),
    closing: balance(last.balance! + sum(chronological.slice(lastIndex + 1)), chronological.at(-1)!.tx.date),
  };
}
