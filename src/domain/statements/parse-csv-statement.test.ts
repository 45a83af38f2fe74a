import { describe, expect, it } from 'vitest';
import { GENERIC_PRESET, type CsvPreset } from './csv-presets.ts';
import { parseStatement, type ParseStatementOptions } from './parse-statement.ts';
import type { ParsedStatement } from './statement-types.ts';
import { fixture } from '../../../test/fixtures/statements/read-fixture.ts';

function parsed(text: string, options: ParseStatementOptions = {}): ParsedStatement {
  const r = parseStatement(text, { format: 'csv', ...options });
  if (!r.ok) throw new Error(`expected success, got: ${r.error.message}`);
  expect(r.statements).toHaveLength(1);
  return r.statements[0]!;
}

function rejection(text: string, options: ParseStatementOptions = {}): { message: string; line: number | null; row: number | null; field: string | null } {
  const r = parseStatement(text, { format: 'csv', ...options });
  if (r.ok) throw new Error('expected a rejection');
  return { message: r.error.message, line: r.error.line, row: r.error.row, field: r.error.field };
}

const pick = (s: ParsedStatement) => s.transactions.map((t) => [t.date, t.direction, t.amount, t.reference, t.description]);

describe('parseStatement (CSV)', () => {
  it('reads the generic layout with mixed amount and date spellings', () => {
    const s = parsed(fixture('csv-generic.csv'));
    expect(s.preset).toBe('generic');
    expect(pick(s)).toEqual([
      ['2025-01-02', 'credit', '1250000.00', 'VA8808123456789', 'TRF 0123456789 BUDI SANTOSO CICILAN NOV'],
      ['2025-01-02', 'debit', '6500.00', '', 'BIAYA ADM, BULANAN'],
      ['2025-01-03', 'credit', '1250000.50', 'KTR-4410022', 'SETORAN SITI'],
      ['2025-01-04', 'credit', '1250000.00', '', 'Refund'],
    ]);
    expect(s.transactions.map((t) => t.lineNo)).toEqual([2, 3, 4, 5]);
    expect(s.openingBalance).toBeNull();
  });

  it('reads a semicolon file with a BOM and CRLF', () => {
    expect(pick(parsed(fixture('csv-generic-semicolon.csv')))).toEqual([
      ['2025-02-01', 'credit', '1500000.00', 'VA9881234500001', 'Pembayaran cicilan Andi'],
      ['2025-02-01', 'debit', '6500.00', '', 'Biaya transfer'],
    ]);
  });

  it('reads a BCA-style export: preamble, CR/DB column, pending rows, footer, running balance', () => {
    const s = parsed(fixture('csv-bca.csv'));
    expect(s.preset).toBe('bca');
    expect(pick(s)).toEqual([
      ['2025-01-02', 'credit', '1250000.00', '', 'TRSF E-BANKING CR 0201/FTSCY/WS95031 1250000.00 BUDI SANTOSO CICILAN NOV'],
      ['2025-01-03', 'debit', '15000.00', '', 'BIAYA ADM'],
      ['2025-01-05', 'credit', '750000.00', '', 'SETORAN TUNAI SITI RAHAYU'],
    ]);
    expect(s.transactions[0]!.lineNo).toBe(7);
    expect([s.openingBalance?.amount, s.closingBalance?.amount]).toEqual(['10000000.00', '11985000.00']);
  });

  it('reads a Mandiri-style export with split debit/credit columns and Indonesian numbers', () => {
    const s = parsed(fixture('csv-mandiri.csv'));
    expect(s.preset).toBe('mandiri');
    expect(pick(s)).toEqual([
      ['2025-01-02', 'credit', '1250000.00', 'MDR0102000123', 'TRF 0123456789 BUDI SANTOSO CICILAN NOV'],
      ['2025-01-02', 'debit', '6500.00', '', 'BIAYA ADMINISTRASI'],
      ['2025-01-03', 'credit', '750000.00', 'MDR0103000001', 'SETORAN; TUNAI SITI'],
    ]);
    expect([s.openingBalance?.amount, s.closingBalance?.amount]).toEqual(['15000000.00', '16993500.00']);
  });

  it('accepts a newest-first export when its running balance reads backwards', () => {
    const text = ['Tanggal;Keterangan;Debet;Kredit;Saldo', '03/01/2025;B;;100,00;1.300,00', '02/01/2025;A;;200,00;1.200,00'].join('\n');
    const s = parsed(text, { preset: 'mandiri' });
    expect(pick(s).map((t) => t[1])).toEqual(['credit', 'credit']);
    expect([s.openingBalance?.amount, s.closingBalance?.amount]).toEqual(['1000.00', '1300.00']);
  });

  it('takes a preset given as data (how a new bank layout is added)', () => {
    const bri: CsvPreset = {
      ...GENERIC_PRESET,
      name: 'bri-like',
      summary: 'TGL_TRAN, URAIAN, MUTASI_DEBET, MUTASI_KREDIT',
      columns: { date: ['TGL_TRAN'], description: ['URAIAN'] },
      direction: { kind: 'split', debit: ['MUTASI_DEBET'], credit: ['MUTASI_KREDIT'] },
      dateFormat: 'DD/MM/YY',
      amountFormat: 'en',
    };
    const s = parsed('TGL_TRAN,URAIAN,MUTASI_DEBET,MUTASI_KREDIT\n05/02/25,SETOR,0.00,"2,500,000.00"\n', { preset: bri });
    expect(s.preset).toBe('bri-like');
    expect(pick(s)).toEqual([['2025-02-05', 'credit', '2500000.00', '', 'SETOR']]);
  });

  it('reads a CR/DB marker written inside the BCA amount when the indicator cell is empty', () => {
    const s = parsed('Tanggal,Keterangan,Cabang,Jumlah,CR/DB,Saldo\n02/01/2025,X,0000,"15,000.00 DB",,\n', { preset: 'bca' });
    expect(pick(s)).toEqual([['2025-01-02', 'debit', '15000.00', '', 'X']]);
  });

  it('uses the currency column and its exponent', () => {
    const s = parsed('date,description,amount,currency\n2025-01-02,x,1500,jpy\n');
    expect([s.currency, s.transactions[0]!.amount, s.transactions[0]!.amountMinor]).toEqual(['JPY', '1500', 1500n]);
  });

  describe('rejections name the line, row and column', () => {
    it.each<[string, string, ParseStatementOptions, { message: string; line: number | null; row: number | null; field: string | null }]>([
      [
        'bad date',
        'date,description,amount\n2025-01-02,a,1\n2025-02-30,b,2\n',
        {},
        { message: "line 3 (row 2), column 'date': invalid date '2025-02-30'", line: 3, row: 2, field: 'date' },
      ],
      [
        'bad amount',
        'date,description,amount\n2025-01-02,a,"12,34,5"\n',
        {},
        { message: "line 2 (row 1), column 'amount': invalid amount '12,34,5': thousands separators not in groups of three", line: 2, row: 1, field: 'amount' },
      ],
      [
        'missing amount',
        'date;description;amount\n\n2025-01-02;a;\n',
        {},
        { message: "line 3 (row 1), column 'amount': missing amount", line: 3, row: 1, field: 'amount' },
      ],
      [
        'bad currency',
        'date,description,amount,currency\n2025-01-02,a,1,RP\n',
        {},
        { message: "line 2 (row 1), column 'currency': invalid currency 'RP'", line: 2, row: 1, field: 'currency' },
      ],
      [
        'mixed currencies',
        'date,description,amount,currency\n2025-01-02,a,1,IDR\n2025-01-02,b,1,USD\n',
        {},
        { message: "line 3 (row 2), column 'currency': currency USD differs from IDR in earlier rows", line: 3, row: 2, field: 'currency' },
      ],
      [
        'BCA running balance mismatch',
        'Tanggal,Keterangan,Cabang,Jumlah,CR/DB,Saldo\n02/01/2025,a,0,"100.00",CR,"1,100.00"\n03/01/2025,b,0,"50.00",DB,"1,000.00"\n04/01/2025,c,0,"10.00",CR,"1,010.00"\n',
        { preset: 'bca' },
        { message: "line 3 (row 2), column 'Saldo': running balance 1000.00 does not match previous balance + amount = 1050.00", line: 3, row: 2, field: 'Saldo' },
      ],
      [
        'bad CR/DB indicator',
        'Tanggal,Keterangan,Cabang,Jumlah,CR/DB,Saldo\n02/01/2025,a,0,"100.00",XX,\n',
        { preset: 'bca' },
        { message: "line 2 (row 1), column 'CR/DB': invalid CR/DB indicator 'XX'", line: 2, row: 1, field: 'CR/DB' },
      ],
      [
        'debit and credit both filled',
        'Tanggal;Keterangan;Debet;Kredit\n02/01/2025;a;1,00;2,00\n',
        { preset: 'mandiri' },
        { message: "line 2 (row 1), column 'Kredit': both debit and credit filled", line: 2, row: 1, field: 'Kredit' },
      ],
      [
        'neither debit nor credit',
        'Tanggal;Keterangan;Debet;Kredit\n02/01/2025;a;;0,00\n',
        { preset: 'mandiri' },
        { message: "line 2 (row 1), column 'Kredit': neither debit nor credit has an amount", line: 2, row: 1, field: 'Kredit' },
      ],
      [
        'date in the wrong layout for the preset',
        'Tanggal;Keterangan;Debet;Kredit\n2025-01-02;a;;1,00\n',
        { preset: 'mandiri' },
        { message: "line 2 (row 1), column 'Tanggal': invalid date '2025-01-02'", line: 2, row: 1, field: 'Tanggal' },
      ],
      [
        'a multi-line quoted cell before the bad row keeps line numbers right',
        'date,description,amount\n2025-01-02,"two\nlines",1\n2025-01-03,b,x\n',
        {},
        { message: "line 4 (row 2), column 'amount': invalid amount 'x': not a number", line: 4, row: 2, field: 'amount' },
      ],
    ])('%s', (_name, text, options, expected) => {
      expect(rejection(text, options)).toEqual(expected);
    });

    it('rejects a file without a recognisable header, listing what each preset expects', () => {
      const r = rejection('foo,bar\n1,2\n');
      expect(r.line).toBeNull();
      expect(r.message).toMatch(/^no header row found for any preset \(generic: date, description, amount/);
      expect(r.message).toContain('bca: Tanggal, Keterangan, Cabang, Jumlah, CR\/DB, Saldo');
    });

    it('rejects a header with no rows', () => {
      expect(rejection('date,description,amount\n').message).toBe('line 1: statement has a header but no transactions');
    });

    it('rejects an unclosed quote with its line', () => {
      const r = rejection('date,description,amount\n2025-01-02,"unclosed,1\n');
      expect(r.line).toBe(2);
      expect(r.message).toMatch(/^line 2: malformed CSV: Quote Not Closed/);
    });

    it('rejects an unknown preset name', () => {
      expect(rejection('date,description,amount\n2025-01-02,a,1\n', { preset: 'nope' }).message).toBe(
        "unknown CSV preset 'nope' (known: generic, bca, mandiri)",
      );
    });
  });
});
