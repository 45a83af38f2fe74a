import { normalizeHeader, requiredColumns } from './csv-layout.ts';
import type { CsvPreset } from './csv-presets.ts';

/**
 * Answers "could a header of this preset appear in the text from this offset on?" without tokenizing it,
 * so a whole file need not be parsed and searched with every delimiter just to learn that it holds no
 * second header. A header cell, normalized, equals a normalized spelling; each word of that spelling is then
 * a run of the cell's characters, so it occurs in the lower-cased text. A "no" is therefore certain; a "yes"
 * only means the caller must look properly.
 */
export class HeaderWordIndex {
  private lowerText: string | null = null;
  private readonly lastAt = new Map<string, number>();

  constructor(private readonly text: string) {}

  mayHoldHeader(preset: CsvPreset, from: number): boolean {
    return requiredColumns(preset).every((spellings) => spellings.some((s) => this.mayHoldSpelling(s, from)));
  }

  private mayHoldSpelling(spelling: string, from: number): boolean {
    return normalizeHeader(spelling)
      .split(' ')
      .every((word) => !isSearchable(word) || this.lastIndexOf(word) >= from);
  }

  /**
   * Lower-casing never shortens a string (checked over all of Unicode), so an offset in the text is at
   * or before the same place in the lower-cased text: comparing against it can only answer "yes" more often.
   */
  private lastIndexOf(word: string): number {
    let at = this.lastAt.get(word);
    if (at === undefined) {
      this.lowerText ??= this.text.toLowerCase();
      at = this.lowerText.lastIndexOf(word);
      this.lastAt.set(word, at);
    }
    return at;
  }
}

/**
 * Printable ASCII without `"`: such a word is spelled the same in the cell and in the raw text (a quote
 * would be doubled there). The only characters outside ASCII whose lower case holds ASCII are the Kelvin
 * sign (k), which lower-cases the same way in the whole text, and U+0130 (i + U+0307), which no ASCII
 * spelling can match. Any other word is not searched: it is assumed present.
 */
function isSearchable(word: string): boolean {
  return /^[\x21\x23-\x7e]+$/.test(word);
}
