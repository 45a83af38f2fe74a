import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HEADER_SNIFF_LINES, parseCsvStatementSniffing } from './parse-csv-statement.ts';
import { parseStatement } from './parse-statement.ts';

/** The outcome of a parse as comparable data: the statement, or the error's location and message. */
function outcome(text: string, sniffLines: number | undefined): string {
  let result: unknown;
  try {
    result = parseCsvStatementSniffing(text, undefined, sniffLines);
  } catch (err) {
    const { line, row, field, message } = err as { line: number | null; row: number | null; field: string | null; message: string };
    result = { error: { line, row, field, message } };
  }
  return JSON.stringify(result, (_key, value: unknown) => (typeof value === 'bigint' ? `${value}n` : value));
}

const dataRows = (n: number, row: (i: number) => string) => Array.from({ length: n }, (_, i) => row(i));
const LATE = HEADER_SNIFF_LINES + 50;

describe('CSV header sniffing agrees with reading the whole file with every delimiter', () => {
  it('finds a header after a preamble longer than the sniffed lines', () => {
    const text = [...dataRows(LATE, (i) => `Keterangan ${i}: rekening 123`), 'date,description,amount', '2025-01-02,a,1', '2025-01-03,b,-2'].join('\n');
    const r = parseStatement(text, { format: 'csv' });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.statements[0]!.lineNo).toBe(LATE + 1);
    expect(r.statements[0]!.transactions.map((t) => [t.lineNo, t.amount, t.direction])).toEqual([
      [LATE + 2, '1.00', 'credit'],
      [LATE + 3, '2.00', 'debit'],
    ]);
  });

  it('reports a quoting error after the header and beyond the sniffed lines, with its line', () => {
    const text = ['date,description,amount', ...dataRows(LATE, (i) => `2025-01-02,row ${i},1`), '2025-01-03,a"b,2', '2025-01-04,c,3'].join('\n');
    const r = parseStatement(text, { format: 'csv' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect([r.error.line, r.error.row, r.error.field]).toEqual([LATE + 2, null, null]);
    expect(r.error.message).toMatch(new RegExp(`^line ${LATE + 2}: malformed CSV: Invalid Opening Quote: a quote is found on field 1, value is "a"`));
  });

  it('picks the semicolon for a semicolon file whose cells hold commas', () => {
    const text = ['date;description;amount', ...dataRows(LATE, (i) => `2025-01-02;BIAYA ADM, BULANAN ${i};-6.500,00`)].join('\r\n');
    const r = parseStatement(text, { format: 'csv' });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.statements[0]!.transactions).toHaveLength(LATE);
    expect(r.statements[0]!.transactions[0]).toMatchObject({ description: 'BIAYA ADM, BULANAN 0', amount: '6500.00', direction: 'debit' });
  });

  it('still rejects a file whose other delimiter reads a header, late, and then a quoting error', () => {
    // Read with `;`, row 120 is a Mandiri header and the quoted cell below it a quoting error: the whole-file
    // rule makes that the file's problem, so the sniffing must not skip the `;` reading.
    const rows = dataRows(LATE, (i) => (i === 120 ? '2025-01-02,x;Tanggal;Keterangan;Debet;Kredit;y,1' : i === 130 ? '2025-01-02,"a;b",1' : `2025-01-02,r${i},1`));
    const text = ['date,description,amount', ...rows].join('\n');
    expect(outcome(text, HEADER_SNIFF_LINES)).toBe(outcome(text, undefined));
    expect(JSON.parse(outcome(text, HEADER_SNIFF_LINES))).toMatchObject({ error: { line: 132, message: expect.stringMatching(/^line 132: malformed CSV: Invalid Opening Quote/) } });
  });

  it('gives the same statement or error as the whole-file reading on generated files (property)', () => {
    const DELIMITER = fc.constantFrom(',', ';', '\t');
    const LINE = fc.constantFrom(
      'date{d}description{d}amount',
      'date{d}description{d}amount{d}reference{d}currency',
      'Tanggal{d}Keterangan{d}Cabang{d}Jumlah{d}CR/DB{d}Saldo',
      'Tanggal{d}Keterangan{d}No. Referensi{d}Debet{d}Kredit{d}Saldo',
      '2025-01-02{d}a{d}1',
      '2025-01-03{d}"x{o}y"{d}-2{d}REF{d}IDR',
      '02/01/2025{d}b{d}0{d}100.00{d}CR{d}',
      '02/01/2025{d}c{d}R1{d}1,00{d}{d}',
      '2025-01-0x{d}bad{d}1',
      'Account{d}123',
      'Periode : 2025',
      '',
      'a"b{d}c',
      '"unclosed{d}1',
      'x{o}"a{d}b"',
      '"multi{d}\nline"{d}2025-01-02{d}3',
      'Saldo Akhir{d}1',
      '{d}Tanggal{o}Keterangan{o}Debet{o}Kredit{o}',
    );
    const file = fc
      .tuple(fc.array(fc.tuple(LINE, DELIMITER, fc.boolean()), { maxLength: 10 }), DELIMITER, fc.constantFrom('\n', '\r\n'))
      .map(([lines, fileDelimiter, eol]) =>
        lines
          .map(([line, other, own]) => {
            const d = own ? fileDelimiter : other;
            const o = d === ',' ? ';' : ',';
            return line.replaceAll('{d}', d).replaceAll('{o}', o);
          })
          .join(eol),
      );
    fc.assert(
      fc.property(file, fc.integer({ min: 1, max: 4 }), (text, sniffLines) => {
        expect(outcome(text, sniffLines)).toBe(outcome(text, undefined));
      }),
      { numRuns: 3000 },
    );
  });
});
