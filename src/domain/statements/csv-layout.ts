import type { ColumnNames, CsvPreset } from './csv-presets.ts';
import type { CsvRow } from './csv-rows.ts';

/** Where each logical column sits in a matched header. */
export interface Layout {
  readonly preset: CsvPreset;
  readonly headerIndex: number;
  readonly headerNames: readonly string[];
  readonly column: (names: ColumnNames | undefined) => number | null;
}

export function normalizeHeader(header: string): string {
  return header.replace(/^\uFEFF/, '').trim().toLowerCase().replace(/\s+/g, ' ');
}

export function requiredColumns(preset: CsvPreset): ColumnNames[] {
  const d = preset.direction;
  const direction = d.kind === 'signed' ? [d.amount] : d.kind === 'indicator' ? [d.amount, d.indicator] : [d.debit, d.credit];
  return [preset.columns.date, preset.columns.description, ...direction];
}

/** Finds the first record containing every required column of `preset` (rows above it are a preamble). */
export function findLayout(rows: readonly CsvRow[], preset: CsvPreset): Layout | null {
  for (let i = 0; i < rows.length; i++) {
    const names = rows[i]!.cells.map(normalizeHeader);
    const column = (spellings: ColumnNames | undefined): number | null => {
      if (spellings === undefined) return null;
      for (const s of spellings) {
        const at = names.indexOf(normalizeHeader(s));
        if (at !== -1) return at;
      }
      return null;
    };
    if (requiredColumns(preset).every((c) => column(c) !== null)) {
      return { preset, headerIndex: i, headerNames: rows[i]!.cells.map((c) => c.replace(/^\uFEFF/, '').trim()), column };
    }
  }
  return null;
}
