/**
 * Text normalisation for matching bank statement lines: descriptions arrive upper- or mixed-case, with
 * punctuation, accents, merged or split tokens (`TRF0123456789`, `KTA-0001`, `KTA 0001`).
 */

/** Uppercase ASCII letters and digits; everything else becomes a single space. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim();
}

/** An account number or VA as stored, compared without punctuation or case (`kta-0001` = `KTA0001`). */
export function normalizeIdentifier(id: string): string {
  return id.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/** Prefixes banks glue to a VA or account number in references (`VA8808…`, `NOREK0123…`). */
const GLUED_PREFIXES = ['VA', 'NOVA', 'REK', 'NOREK', 'ACC', 'TRF', 'NO'];

/**
 * Every string in a reference/description that could be an account number or a virtual account:
 * digit runs of 6+ digits, letter+digit tokens (`KTA0001`), adjacent letter and digit tokens joined
 * (`KTA 0001`, `KTA-0001`), and tokens with a known glued prefix removed (`VA8808123` → `8808123`).
 * Returned normalised (see `normalizeIdentifier`), without duplicates, in order of appearance.
 */
export function extractIdentifiers(...texts: readonly string[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (s: string): void => {
    if (!seen.has(s)) {
      seen.add(s);
      out.push(s);
    }
  };
  for (const text of texts) {
    const tokens = normalizeText(text).split(' ').filter((t) => t !== '');
    for (let i = 0; i < tokens.length; i += 1) {
      const t = tokens[i]!;
      const hasDigit = /\d/.test(t);
      if (hasDigit && (t.length >= 6 || /[A-Z]/.test(t))) add(t);
      for (const run of t.match(/\d{6,}/g) ?? []) add(run);
      for (const p of GLUED_PREFIXES) if (t.startsWith(p) && /^\d{6,}$/.test(t.slice(p.length))) add(t.slice(p.length));
      const next = tokens[i + 1];
      if (next !== undefined && /^[A-Z]{1,6}$/.test(t) && /^\d{3,}$/.test(next)) add(t + next);
    }
  }
  return out;
}

/** Honorifics and degrees that appear around names in transfer descriptions and must not count as name tokens. */
const TITLES = new Set([
  'BPK', 'BAPAK', 'PAK', 'IBU', 'BU', 'SDR', 'SDRI', 'SAUDARA', 'SAUDARI', 'TN', 'TUAN', 'NY', 'NYONYA', 'NN', 'NONA', 'MR', 'MRS', 'MS',
  'H', 'HJ', 'HAJI', 'HAJAH', 'DR', 'DRS', 'IR', 'ST', 'SE', 'SH', 'MM', 'SKOM', 'SPD', 'AMD', 'SSI', 'MT', 'MBA', 'PROF', 'ALM',
]);

/** A person's name as comparable tokens: letters only, titles and one-letter noise dropped. */
export function nameTokens(name: string): string[] {
  return normalizeText(name)
    .split(' ')
    .filter((t) => t !== '' && !/\d/.test(t) && !TITLES.has(t));
}
