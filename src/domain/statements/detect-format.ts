import type { StatementFormat } from './statement-types.ts';

/**
 * Guesses the format of a statement when the operator did not say: MT940 when the text has the
 * mandatory `:20:` tag and a balance or statement-line tag at the start of a line (or a SWIFT
 * `{4:` block), CSV otherwise — the CSV parser then insists on a header it recognises.
 */
export function detectStatementFormat(text: string): StatementFormat {
  const hasTag = (tag: string): boolean => new RegExp(`(^|[\\r\\n]|\\{4:)${tag}`).test(text);
  if (hasTag(':20:') && (hasTag(':61:') || hasTag(':60[FM]:') || hasTag(':25:'))) return 'mt940';
  if (/\{4:/.test(text)) return 'mt940';
  return 'csv';
}
