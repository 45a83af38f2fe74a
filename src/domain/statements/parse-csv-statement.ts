import { CsvError } from 'csv-parse/sync';
import { parseCsvAmount } from './csv-amount.ts';
import { parseCsvDate } from './csv-date.ts';
import { HeaderWordIndex } from './csv-header-words.ts';
import { findLayout, type Layout } from './csv-layout.ts';
import { CSV_PRESETS, type ColumnNames, type CsvPreset } from './csv-presets.ts';
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
  const presets = resolvePresets(preset);
  const words = new HeaderWordIndex(text);
  let best: { layout: Layout; rows: CsvRow[] } | null = null;
  let failure: { line: number; message: string } | null = null;
  for (const delimiter of DELIMITERS) {
    const reading = readWithDelimiter(text, delimiter, presets, words);
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
function readWithDelimiter(text: string, delimiter: string, presets: readonly CsvPreset[], words: HeaderWordIndex): Reading {
  let prefix: CsvRowPrefix;
  try {
    prefix = readRowPrefix(text, delimiter, HEADER_SNIFF_LINES);
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
  readonly tx: Omit<StatementTransaction, 'position' | 'amount' | 'minorExponent'>;
  readonly signed: bigint;
  readonly balance: bigint | null;
  readonly row: number;
  readonly balanceColumn: string;
}

function readTransactions(layout: Layout, rows: readonly CsvRow[]): ParsedStatement {
  const { preset, headerNames } = layout;
  const at = (names: ColumnNames | undefined) => layout.column(names);
  const idx = {
    date: at(preset.columns.date)!,
    description: at(preset.columns.description)!,
    entryDate: at(preset.columns.entryDate),
    reference: at(preset.columns.reference),
    currency: at(preset.columns.currency),
    balance: at(preset.columns.balance),
  };
  const headerLine = rows[layout.headerIndex]!.line;
  const booked: Booked[] = [];
  let currency: string | null = null;

  for (let i = layout.headerIndex + 1; i < rows.length; i++) {
    const { cells, line } = rows[i]!;
    const row = i - layout.headerIndex;
    const cell = (index: number | null): string => (index === null ? '' : (cells[index] ?? '').trim());
    const fail = (index: number, reason: string): never => {
      throw new StatementParseError(line, headerNames[index] ?? null, reason, row);
    };
    if (cells.every((c) => c.trim() === '')) continue;
    const firstCell = cells.find((c) => c.trim() !== '')!.trim().toLowerCase();
    if (preset.footerPrefixes.some((p) => firstCell.startsWith(p.toLowerCase()))) break;
    const dateRaw = cell(idx.date);
    if (preset.pendingDates.some((p) => p.toLowerCase() === dateRaw.toLowerCase())) continue;

    const date = parseCsvDate(dateRaw, preset.dateFormat);
    if (date === null) fail(idx.date, dateRaw === '' ? 'missing date' : `invalid date ${quote(dateRaw)}`);
    let entryDate: string | null = null;
    if (idx.entryDate !== null && cell(idx.entryDate) !== '') {
      entryDate = parseCsvDate(cell(idx.entryDate), preset.dateFormat);
      if (entryDate === null) fail(idx.entryDate, `invalid date ${quote(cell(idx.entryDate))}`);
    }
    const rowCurrency = cell(idx.currency).toUpperCase() || preset.defaultCurrency;
    if (!isCurrencyCode(rowCurrency)) fail(idx.currency ?? idx.date, `invalid currency ${quote(rowCurrency)}`);
    if (currency !== null && rowCurrency !== currency) fail(idx.currency!, `currency ${rowCurrency} differs from ${currency} in earlier rows`);
    currency = rowCurrency;
    const exponent = currencyExponent(rowCurrency);

    const amountOf = (index: number): bigint | null => {
      const raw = cell(index);
      if (raw === '') return null;
      const parsed = parseCsvAmount(raw, preset.amountFormat, exponent);
      if (!parsed.ok) return fail(index, `invalid amount ${quote(raw)}: ${parsed.reason}`);
      if (preset.direction.kind !== 'indicator' && parsed.value.marker !== null) return fail(index, `unexpected ${parsed.value.marker} marker in amount ${quote(raw)}`);
      return parsed.value.minor;
    };
    const signed = signedAmount(preset, at, cell, amountOf, fail, exponent);
    let balance: bigint | null = null;
    if (idx.balance !== null && cell(idx.balance) !== '') {
      const parsed = parseCsvAmount(cell(idx.balance), preset.amountFormat, exponent);
      if (!parsed.ok) fail(idx.balance, `invalid amount ${quote(cell(idx.balance))}: ${parsed.reason}`);
      else balance = parsed.value.marker === 'DB' || parsed.value.marker === 'DR' ? -parsed.value.minor : parsed.value.minor;
    }
    const direction: Direction = signed < 0n ? 'debit' : 'credit';
    booked.push({
      tx: {
        date: date!,
        entryDate,
        amountMinor: signed < 0n ? -signed : signed,
        currency: rowCurrency,
        direction,
        reversal: false,
        reference: cell(idx.reference),
        bankReference: null,
        transactionType: null,
        description: cell(idx.description).replace(/\s+/g, ' '),
        account: null,
        statementRef: null,
        statementNo: null,
        lineNo: line,
      },
      signed,
      balance,
      row,
      balanceColumn: idx.balance === null ? '' : (headerNames[idx.balance] ?? ''),
    });
  }
  if (booked.length === 0) throw new StatementParseError(headerLine, null, 'statement has a header but no transactions');
  const statementCurrency = currency ?? preset.defaultCurrency;
  const exponent = currencyExponent(statementCurrency);
  const balances = checkRunningBalance(booked, statementCurrency, exponent);

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
    transactions: booked.map((b, i) => ({
      ...b.tx,
      amount: formatMinorUnits(b.tx.amountMinor, exponent),
      minorExponent: exponent,
      position: i + 1,
    })),
  };
}

/** Signed minor units of a row (credit positive), by the preset's direction rule. */
function signedAmount(
  preset: CsvPreset,
  at: (names: ColumnNames | undefined) => number | null,
  cell: (index: number | null) => string,
  amountOf: (index: number) => bigint | null,
  fail: (index: number, reason: string) => never,
  exponent: number,
): bigint {
  const rule = preset.direction;
  if (rule.kind === 'signed') {
    const index = at(rule.amount)!;
    const value = amountOf(index);
    return value ?? fail(index, 'missing amount');
  }
  if (rule.kind === 'indicator') {
    const amountIndex = at(rule.amount)!;
    const indicatorIndex = at(rule.indicator)!;
    const raw = cell(amountIndex);
    if (raw === '') return fail(amountIndex, 'missing amount');
    const parsed = parseCsvAmount(raw, preset.amountFormat, exponent);
    if (!parsed.ok) return fail(amountIndex, `invalid amount ${quote(raw)}: ${parsed.reason}`);
    if (parsed.value.minor < 0n) return fail(amountIndex, `negative amount ${quote(raw)} with a separate CR/DB indicator`);
    const marker = (cell(indicatorIndex) || parsed.value.marker || '').toUpperCase();
    if (rule.credit.some((c) => c.toUpperCase() === marker)) return parsed.value.minor;
    if (rule.debit.some((c) => c.toUpperCase() === marker)) return -parsed.value.minor;
    return fail(indicatorIndex, marker === '' ? 'missing CR/DB indicator' : `invalid CR/DB indicator ${quote(marker)}`);
  }
  const debitIndex = at(rule.debit)!;
  const creditIndex = at(rule.credit)!;
  const debit = amountOf(debitIndex);
  const credit = amountOf(creditIndex);
  if (debit !== null && debit < 0n) return fail(debitIndex, 'negative amount in the debit column');
  if (credit !== null && credit < 0n) return fail(creditIndex, 'negative amount in the credit column');
  const hasDebit = debit !== null && debit !== 0n;
  const hasCredit = credit !== null && credit !== 0n;
  if (hasDebit && hasCredit) return fail(creditIndex, 'both debit and credit filled');
  if (hasDebit) return -debit!;
  if (hasCredit) return credit!;
  return fail(creditIndex, 'neither debit nor credit has an amount');
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
