import type { AmountFormat } from './csv-amount.ts';
import type { DateFormat } from './csv-date.ts';

/** Header spellings that name one logical column; matched ignoring case, spaces and punctuation around words. */
export type ColumnNames = readonly string[];

/**
 * How a layout says which way money moved:
 * - `signed`: one amount column, credit positive (`-50000` is a debit);
 * - `indicator`: an unsigned amount plus a marker column (`CR`/`DB`), or a marker suffix in the amount (`50,000.00 DB`);
 * - `split`: separate debit and credit columns, exactly one filled per row.
 */
export type DirectionRule =
  | { readonly kind: 'signed'; readonly amount: ColumnNames }
  | {
      readonly kind: 'indicator';
      readonly amount: ColumnNames;
      readonly indicator: ColumnNames;
      readonly credit: readonly string[];
      readonly debit: readonly string[];
    }
  | { readonly kind: 'split'; readonly debit: ColumnNames; readonly credit: ColumnNames };

/**
 * A CSV statement layout, as data. Add a bank by adding an entry to `CSV_PRESETS` (or by passing a
 * `CsvPreset` object to `parseStatement`): list the header spellings of each column, the date and
 * amount formats, and the direction rule. Rows before the header (account name, period) are skipped;
 * reading stops at the first row starting with one of `footerPrefixes` (summary lines).
 */
export interface CsvPreset {
  readonly name: string;
  /** One line for `--help` and error messages. */
  readonly summary: string;
  readonly columns: {
    readonly date: ColumnNames;
    readonly description: ColumnNames;
    readonly entryDate?: ColumnNames;
    readonly reference?: ColumnNames;
    readonly currency?: ColumnNames;
    /** Running balance after the row; when present, each row is checked against the previous balance. */
    readonly balance?: ColumnNames;
  };
  readonly direction: DirectionRule;
  readonly dateFormat: DateFormat;
  readonly amountFormat: AmountFormat;
  /** Currency when the layout has no currency column. */
  readonly defaultCurrency: string;
  readonly footerPrefixes: readonly string[];
  /** Date cells meaning "not booked yet" (BCA writes `PEND`); such rows are skipped, not rejected. */
  readonly pendingDates: readonly string[];
}

/** The contract's own layout: `date`, `description`, signed `amount`, optional `reference`, `currency`. */
export const GENERIC_PRESET: CsvPreset = {
  name: 'generic',
  summary: 'date, description, amount (signed, credit positive), optional reference, currency, entry_date',
  columns: {
    date: ['date', 'value_date'],
    description: ['description'],
    entryDate: ['entry_date'],
    reference: ['reference'],
    currency: ['currency'],
  },
  direction: { kind: 'signed', amount: ['amount'] },
  dateFormat: 'auto',
  amountFormat: 'auto',
  defaultCurrency: 'IDR',
  footerPrefixes: [],
  pendingDates: [],
};

/** KlikBCA-style mutation export: `Tanggal, Keterangan, Cabang, Jumlah, CR/DB, Saldo`, English number format. */
export const BCA_PRESET: CsvPreset = {
  name: 'bca',
  summary: 'Tanggal, Keterangan, Cabang, Jumlah, CR/DB, Saldo (1,250,000.00; DD/MM/YYYY)',
  columns: {
    date: ['Tanggal', 'Tanggal Transaksi'],
    description: ['Keterangan'],
    balance: ['Saldo'],
  },
  direction: { kind: 'indicator', amount: ['Jumlah'], indicator: ['CR/DB', 'DB/CR'], credit: ['CR', 'K'], debit: ['DB', 'DR', 'D'] },
  dateFormat: 'DD/MM/YYYY',
  amountFormat: 'en',
  defaultCurrency: 'IDR',
  footerPrefixes: ['Saldo Awal', 'Mutasi Kredit', 'Mutasi Debet', 'Saldo Akhir'],
  pendingDates: ['PEND'],
};

/** Mandiri-style export with separate `Debet`/`Kredit` columns, Indonesian number format. */
export const MANDIRI_PRESET: CsvPreset = {
  name: 'mandiri',
  summary: 'Tanggal, Keterangan, No. Referensi, Debet, Kredit, Saldo (1.250.000,00; DD/MM/YYYY)',
  columns: {
    date: ['Tanggal', 'Tanggal Transaksi', 'Posting Date'],
    description: ['Keterangan', 'Deskripsi', 'Description'],
    reference: ['No. Referensi', 'No Referensi', 'Reference No.'],
    balance: ['Saldo', 'Balance'],
  },
  direction: { kind: 'split', debit: ['Debet', 'Debit'], credit: ['Kredit', 'Credit'] },
  dateFormat: 'DD/MM/YYYY',
  amountFormat: 'id',
  defaultCurrency: 'IDR',
  footerPrefixes: ['Saldo Awal', 'Saldo Akhir', 'Total'],
  pendingDates: [],
};

/** Built-in layouts by name, in the order auto-detection tries them. */
export const CSV_PRESETS: Readonly<Record<string, CsvPreset>> = {
  generic: GENERIC_PRESET,
  bca: BCA_PRESET,
  mandiri: MANDIRI_PRESET,
};
