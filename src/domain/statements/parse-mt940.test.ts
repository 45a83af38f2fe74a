import { describe, expect, it } from 'vitest';
import { parseStatement } from './parse-statement.ts';
import type { ParsedStatement } from './statement-types.ts';
import { fixture } from '../../../test/fixtures/statements/read-fixture.ts';

function parsed(text: string): readonly ParsedStatement[] {
  const r = parseStatement(text, { format: 'mt940' });
  if (!r.ok) throw new Error(`expected success, got: ${r.error.message}`);
  return r.statements;
}

function rejection(text: string): string {
  const r = parseStatement(text, { format: 'mt940' });
  if (r.ok) throw new Error('expected a rejection');
  return r.error.message;
}

const BASE = [
  ':20:MDR250102001',
  ':25:1230004567890',
  ':28C:00001/001',
  ':60F:C250101IDR15000000,00',
  ':61:2501020102C1250000,00NTRFVA8808123456789',
  ':86:TRF 0123456789 BUDI SANTOSO CICILAN NOV',
  ':61:2501020102D6500,00NMSCNONREF',
  ':62F:C250102IDR16243500,00',
];
/** BASE with line `n` (1-based) replaced, or removed when `text` is null. */
const withLine = (n: number, text: string | null): string =>
  BASE.flatMap((l, i) => (i + 1 === n ? (text === null ? [] : [text]) : [l])).join('\n');

describe('parseStatement (MT940)', () => {
  it('reads an Indonesian enveloped statement with CRLF lines', () => {
    const [s] = parsed(fixture('mt940-mandiri-idr.sta'));
    expect(s).toMatchObject({
      account: '1230004567890',
      statementRef: 'MDR250102001',
      statementNo: '00001/001',
      currency: 'IDR',
      openingBalance: { kind: 'final', date: '2025-01-01', amount: '15000000.00', amountMinor: 1500000000n },
      closingBalance: { kind: 'final', date: '2025-01-02', amount: '14993500.00' },
      availableBalance: { amount: '14993500.00' },
    });
    expect(s!.transactions).toHaveLength(4);
    expect(s!.transactions[0]).toEqual({
      date: '2025-01-02',
      entryDate: '2025-01-02',
      amount: '1250000.00',
      amountMinor: 125000000n,
      minorExponent: 2,
      currency: 'IDR',
      direction: 'credit',
      reversal: false,
      reference: 'VA8808123456789',
      bankReference: 'MDR0102000123',
      transactionType: 'NTRF',
      description: 'TRF 0123456789 BUDI SANTOSO CICILAN NOV',
      account: '1230004567890',
      statementRef: 'MDR250102001',
      statementNo: '00001/001',
      lineNo: 6,
      position: 1,
    });
    expect(s!.transactions[1]!.description).toBe('SETORAN TUNAI SITI RAHAYU KONTRAK 4410022 ANGSURAN KE 3');
    expect(s!.transactions.map((t) => [t.direction, t.amount])).toEqual([
      ['credit', '1250000.00'],
      ['credit', '750000.00'],
      ['debit', '6500.00'],
      ['debit', '2000000.00'],
    ]);
  });

  it('keeps German ?-subfields raw, reads funds codes and ignores :NS:', () => {
    const [s] = parsed(fixture('mt940-de-structured-latin1.sta', 'latin1'));
    expect(s!.currency).toBe('EUR');
    expect(s!.transactions.map((t) => [t.date, t.entryDate, t.direction, t.amount, t.transactionType, t.bankReference])).toEqual([
      ['2025-03-11', '2025-03-11', 'debit', '120.50', 'NDDT', '1234567'],
      ['2025-03-12', '2025-03-12', 'credit', '2500.00', 'NTRF', '1234568'],
    ]);
    expect(s!.transactions[1]!.description).toBe(
      '166?00SEPA GUTSCHRIFT?109310?20EREF+INV-4410?21SVWZ+Rechnung 4410 Müller?30DEUTDEFFXXX?31DE02100100109307118603?32Müller GmbH',
    );
  });

  it('reads several statements, continues 60M/62M pages and skips bare transmission headers', () => {
    const statements = parsed(fixture('mt940-multi-page.sta'));
    expect(statements.map((s) => [s.account, s.statementNo, s.openingBalance?.kind, s.closingBalance?.kind, s.transactions.length])).toEqual([
      ['0417164300', '00042/1', 'final', 'intermediate', 2],
      ['0417164300', '00042/2', 'intermediate', 'final', 1],
      ['0417999900', '00007/1', 'final', 'final', 1],
    ]);
    const first = statements[0]!.transactions[0]!;
    // The :86: line is exactly 65 characters, so the wrap splits a word and must be joined without a space.
    expect(first.description).toBe('/TRTP/SEPA OVERBOEKING/IBAN/NL44RABO0123456789/BIC/RABONL2U/NAME/J JANSEN/REMI/INV-1001/EREF/NOTPROVIDED');
    expect(statements[0]!.transactions[1]!.description).toBe('');
    expect(statements[2]!.openingBalance!.amount).toBe('-100.00');
  });

  it('uses the supplementary details when there is no :86:', () => {
    const text = withLine(6, null).replace(':61:2501020102C1250000,00NTRFVA8808123456789', ':61:2501020102C1250000,00NTRFVA8808123456789\nSETORAN VIA ATM');
    expect(parsed(text)[0]!.transactions[0]!.description).toBe('SETORAN VIA ATM');
  });

  it('infers entry-date years across the year end', () => {
    const [s] = parsed(fixture('mt940-year-end.sta'));
    expect(s!.transactions.map((t) => [t.date, t.entryDate])).toEqual([
      ['2025-12-31', '2026-01-02'],
      ['2026-01-02', '2025-12-31'],
    ]);
  });

  it('treats RC as a debit and RD as a credit, and balances with them', () => {
    const [s] = parsed(fixture('mt940-reversals.sta'));
    expect(s!.relatedRef).toBe('NONREF');
    expect(s!.transactions.map((t) => [t.direction, t.reversal, t.amount])).toEqual([
      ['credit', false, '500000.00'],
      ['debit', true, '500000.00'],
      ['debit', false, '300000.00'],
      ['credit', true, '300000.00'],
    ]);
    expect(s!.forwardBalances.map((b) => b.date)).toEqual(['2025-02-06']);
  });

  it('accepts the base document used by the rejection cases', () => {
    expect(parsed(withLine(0, null))[0]!.transactions).toHaveLength(2);
  });

  it.each([
    [5, ':61:2513400102C1250000,00NTRFVA8808123456789', "line 5, field :61:: invalid value date '251340'"],
    [5, ':61:2502300102C1250000,00NTRFVA8808123456789', "line 5, field :61:: invalid value date '250230'"],
    [5, ':61:2501021302C1250000,00NTRFVA8808123456789', "line 5, field :61:: invalid entry date '1302'"],
    [5, ':61:25010201C1250000,00NTRFVA8808123456789', "line 5, field :61:: invalid value/entry date '25010201' (expected YYMMDD or YYMMDDMMDD)"],
    [5, ':61:2501020102X1250000,00NTRFVA8808123456789', "line 5, field :61:: invalid debit/credit mark 'X1' (expected C, D, RC or RD)"],
    [5, ':61:2501020102C1.250.000,00NTRFVA8808123456789', "line 5, field :61:: invalid amount '1.250.000,00'"],
    [5, ':61:2501020102C1250000,001NTRFVA8808123456789', "line 5, field :61:: invalid amount '1250000,001': more than 2 decimal digits for IDR"],
    [5, ':61:2501020102C1250000,00', 'line 5, field :61:: truncated: missing transaction type'],
    [5, ':61:2501020102C', 'line 5, field :61:: truncated: missing amount'],
    [5, ':61:250102', 'line 5, field :61:: truncated: missing debit/credit mark'],
    [5, ':61:', 'line 5, field :61:: empty statement line'],
    [5, ':61:2501020102C1250000,00XTRFVA88', "line 5, field :61:: invalid transaction type 'XTRF'"],
    [8, ':62F:C250102IDR16243501,00', 'line 8, field :62F:: closing balance 16243501.00 IDR does not match opening 15000000.00 + credits − debits = 16243500.00'],
    [8, ':62F:C250102USD16243500,00', 'line 8, field :62F:: currency USD differs from the opening balance currency IDR'],
    [4, ':60F:C250101ID115000000,00', "line 4, field :60F:: invalid currency 'ID1'"],
    [4, ':60F:C250230IDR15000000,00', "line 4, field :60F:: invalid balance date '250230'"],
    [4, ':60F:X250101IDR15000000,00', "line 4, field :60F:: invalid debit/credit mark 'X' (expected C or D)"],
    [4, ':60F:C250101IDR-15000000,00', "line 4, field :60F:: invalid amount '-15000000,00'"],
    [3, ':28C:ABC', "line 3, field :28C:: invalid statement/sequence number 'ABC'"],
    [3, ':99:whatever', 'line 3, field :99:: unknown field'],
    [1, null, 'line 1, field :25:: statement does not start with :20: (transaction reference)'],
    [8, null, "line 1, field :20:: statement 'MDR250102001' has no :62F:/:62M: (closing balance) — file truncated?"],
    [2, null, 'line 3, field :60F:: opening balance before :25: (account identification)'],
    [3, null, "line 1, field :20:: statement 'MDR250102001' has no :28C: (statement number)"],
    [4, null, 'line 4, field :61:: statement line before the opening balance (:60F:/:60M:)'],
  ])('rejects line %i = %j with %j', (n, text, message) => {
    expect(rejection(withLine(n, text))).toBe(message);
  });

  it('rejects text before the first field', () => {
    expect(rejection(`stray text\n${BASE.join('\n')}`)).toBe("line 1: unexpected text outside a field: 'stray text'");
  });

  it('rejects a continuation line on a single-line field', () => {
    expect(rejection(withLine(4, ':60F:C250101IDR15000000,00\n99'))).toBe("line 5, field :60F:: unexpected continuation line '99'");
  });

  it('rejects a statement line after the closing balance', () => {
    expect(rejection(`${BASE.join('\n')}\n:61:2501020102D1,00NMSCNONREF`)).toBe('line 9, field :61:: statement line after the closing balance');
  });

  it('rejects an envelope that is never closed', () => {
    expect(rejection(`{1:F01X}{2:I940X}{4:\n${BASE.join('\n')}`)).toBe("line 1: message block {4: is not closed with '-}' (file truncated?)");
  });

  it('rejects a 60M page that does not continue the previous page', () => {
    const text = fixture('mt940-multi-page.sta').replace(':60M:C250115EUR10250,00', ':60M:C250115EUR10251,00').replace(':62F:C250116EUR11250,00', ':62F:C250116EUR11251,00');
    expect(rejection(text)).toBe(
      "line 18, field :60M:: intermediate opening balance 10251.00 EUR does not continue the previous page's closing balance 10250.00 EUR",
    );
  });

  it('rejects the whole file when a later statement is bad', () => {
    const text = fixture('mt940-multi-page.sta').replace(':62F:C250116EUR0,00', ':62F:C250116EUR1,00');
    expect(rejection(text)).toMatch(/^line 29, field :62F:: closing balance 1\.00 EUR/);
  });

  it('rejects text without any statement', () => {
    expect(rejection('')).toBe('no MT940 statement found (no :20: field)');
    expect(rejection('{1:F01X}{2:I940X}{4:\n-}')).toBe('no MT940 statement found (no :20: field)');
  });
});
