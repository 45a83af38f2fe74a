import type { Channel } from '../contact-policy/channels.ts';
import { isElectronicChannel } from '../contact-policy/channels.ts';
import type { Language } from './languages.ts';
import { ID_PREFIXES, ID_SUFFIXES, LEXICON, type LexiconEntry, type LintRule } from './lexicon.ts';
import { normalizeForLint, type NormalizedText } from './normalize.ts';

export interface LintViolation {
  readonly rule: LintRule;
  /** The offending text exactly as written (or the missing element's name). */
  readonly match: string;
  readonly message: string;
}

export interface LintResult {
  readonly ok: boolean;
  readonly violations: readonly LintViolation[];
}

export interface LintOptions {
  readonly channel: Channel;
  readonly language: Language;
  /** The creditor's name when linting rendered text; `{{creditor_name}}` always satisfies the rule. */
  readonly creditorName?: string;
}

const MESSAGES: Readonly<Record<LintRule, string>> = {
  threat_criminal: 'threatens criminal or police action (POJK 22/2023 art. 62; debt is a civil matter)',
  threat_violence: 'threatens violence or a coercive visit (POJK 22/2023 art. 62)',
  insult: 'insults or demeans the debtor (POJK 22/2023 art. 62)',
  shaming: 'shames the debtor or threatens public exposure (POJK 22/2023 art. 62, UU PDP)',
  third_party_disclosure: 'mentions telling third parties about the debt (contact only the consumer)',
  missing_creditor_identity: 'does not identify the creditor ({{creditor_name}})',
  missing_opt_out: 'electronic messages must say how to stop them (e.g. "Balas BERHENTI" / "Reply STOP")',
};

const NOT_WORD_BEFORE = '(?<![\\p{L}\\p{N}*])';
const NOT_WORD_AFTER = '(?![\\p{L}\\p{N}*])';

/** The term in normalized form; a `*` in the text may stand for any vowel ("b*ngsat"). */
function termPattern(term: string): string {
  return normalizeForLint(term)
    .text.split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .map((w) => [...w].map((c) => ('aeiou'.includes(c) ? `[${c}*]` : c)).join(''))
    .join('[^\\p{L}\\p{N}*]+');
}

function entryRegex(entry: LexiconEntry): RegExp {
  const core = termPattern(entry.term);
  const body = entry.inflect ? `(?:${ID_PREFIXES.join('|')})?${core}(?:${ID_SUFFIXES.join('|')})*` : core;
  return new RegExp(`${NOT_WORD_BEFORE}${body}${NOT_WORD_AFTER}`, 'gu');
}

/**
 * Every entry's regex, built once at module load, in reporting priority: longer terms first so
 * "lapor polisi" is reported once as a phrase, not again as "polisi" (the sort is stable, so
 * equal lengths keep lexicon order).
 */
const BY_LENGTH: readonly { entry: LexiconEntry; regex: RegExp }[] = LEXICON.map((entry) => ({ entry, regex: entryRegex(entry) })).sort(
  (a, b) => b.entry.term.length - a.entry.term.length,
);

const innerSource = (regex: RegExp): string => regex.source.slice(NOT_WORD_BEFORE.length, -NOT_WORD_AFTER.length);
const anyOf = (entries: readonly { regex: RegExp }[]): RegExp =>
  new RegExp(`${NOT_WORD_BEFORE}(?:${entries.map(({ regex }) => innerSource(regex)).join('|')})${NOT_WORD_AFTER}`, 'u');

/**
 * Entries as alternations: one over all of them, and one per consecutive group of {@link GROUP}.
 * An alternation matches somewhere exactly when at least one of its entries matches somewhere
 * (the word-boundary assertions are shared by every alternative, and a failing lookahead
 * backtracks into the next alternative). So a clean message — nearly every rendered one — costs
 * one scan instead of one per entry, and a message with findings runs the per-entry regexes
 * (which decide what is reported, in the same order as before) only in the groups that match.
 */
const ANY_ENTRY = anyOf(BY_LENGTH);
const GROUP = 16;
const GROUPS: readonly { any: RegExp; entries: readonly { entry: LexiconEntry; regex: RegExp }[] }[] = Array.from(
  { length: Math.ceil(BY_LENGTH.length / GROUP) },
  (_, g) => {
    const entries = BY_LENGTH.slice(g * GROUP, (g + 1) * GROUP);
    return { any: anyOf(entries), entries };
  },
);

/** The entries that may match `text`, in reporting priority. */
function* candidates(text: string): Generator<{ entry: LexiconEntry; regex: RegExp }> {
  if (!ANY_ENTRY.test(text)) return;
  for (const group of GROUPS) if (group.any.test(text)) yield* group.entries;
}

/** Normalized creditor names, which repeat across a batch; bounded so a long-lived worker cannot grow it. */
const CREDITOR_CACHE = new Map<string, string>();
const CREDITOR_CACHE_MAX = 256;

function normalizedCreditor(name: string): string {
  let text = CREDITOR_CACHE.get(name);
  if (text === undefined) {
    text = normalizeForLint(name).text;
    if (CREDITOR_CACHE.size >= CREDITOR_CACHE_MAX) CREDITOR_CACHE.clear();
    CREDITOR_CACHE.set(name, text);
  }
  return text;
}

const OPT_OUT = /(?<![\p{L}\p{N}])(berhenti|stop|unsubscribe)(?![\p{L}\p{N}])/iu;

function original(text: string, norm: NormalizedText, start: number, end: number): string {
  const from = norm.sources[start] ?? 0;
  const last = norm.sources[end - 1] ?? from;
  // Extend to the end of the last source code point (surrogate pairs).
  const cp = text.codePointAt(last);
  return text.slice(from, last + (cp !== undefined && cp > 0xffff ? 2 : 1));
}

/**
 * Checks a template or rendered message for language regulators forbid and for the
 * elements every message needs. Both lexicons always apply, because Indonesian messages
 * often mix in English. Matching is on whole words after normalization (leetspeak,
 * spaced letters, repeated letters, accents), so `p0lis1` and `p e n j a r a` are caught
 * while `malu` does not fire inside `semalu` and `bui` does not fire inside `buih`.
 *
 * Deliberately strict: words like `malu` or `polisi` are flagged in any sentence; a
 * collection message has no legitimate reason to use them, and a person can reword.
 *
 * @example lintMessage('Bayar atau kami lapor polisi', { channel: 'sms', language: 'id' }).ok // false
 */
export function lintMessage(text: string, options: LintOptions): LintResult {
  const norm = normalizeForLint(text);
  const found: { at: number; violation: LintViolation }[] = [];
  const seen = new Set<string>();
  const taken: [number, number][] = [];

  for (const { entry, regex } of candidates(norm.text)) {
    for (const m of norm.text.matchAll(regex)) {
      const start = m.index;
      const end = start + m[0].length;
      if (taken.some(([s, e]) => start < e && end > s)) continue;
      taken.push([start, end]);
      const match = original(text, norm, start, end);
      const key = `${entry.rule}:${match.toLowerCase()}`;
      if (seen.has(key)) continue;
      seen.add(key);
      found.push({ at: start, violation: { rule: entry.rule, match, message: MESSAGES[entry.rule] } });
    }
  }
  const violations = found.sort((a, b) => a.at - b.at).map((f) => f.violation);

  const hasCreditor =
    /\{\{\s*creditor_name\s*\}\}/.test(text) ||
    (options.creditorName !== undefined &&
      options.creditorName.trim() !== '' &&
      norm.text.includes(normalizedCreditor(options.creditorName.trim())));
  if (!hasCreditor) violations.push({ rule: 'missing_creditor_identity', match: '{{creditor_name}}', message: MESSAGES.missing_creditor_identity });

  if (isElectronicChannel(options.channel) && !OPT_OUT.test(text)) {
    violations.push({ rule: 'missing_opt_out', match: options.language === 'id' ? 'BERHENTI' : 'STOP', message: MESSAGES.missing_opt_out });
  }

  return { ok: violations.length === 0, violations };
}
