/**
 * The straightforward compliance lint as first written (one regex per lexicon entry, sorted per
 * call), kept verbatim as the reference the optimised `lintMessage` must agree with exactly
 * (see lint-equivalence.test.ts) and as the "before" column of `npm run bench -- lint`.
 */
import type { Channel } from '../../contact-policy/channels.ts';
import { isElectronicChannel } from '../../contact-policy/channels.ts';
import type { Language } from '../languages.ts';
import { ID_PREFIXES, ID_SUFFIXES, LEXICON, type LexiconEntry, type LintRule } from '../lexicon.ts';
import { referenceNormalizeForLint, type NormalizedText } from './normalize-reference.ts';

interface LintViolation {
  readonly rule: LintRule;
  /** The offending text exactly as written (or the missing element's name). */
  readonly match: string;
  readonly message: string;
}

interface LintResult {
  readonly ok: boolean;
  readonly violations: readonly LintViolation[];
}

interface LintOptions {
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
  return referenceNormalizeForLint(term)
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

const COMPILED: readonly { entry: LexiconEntry; regex: RegExp }[] = LEXICON.map((entry) => ({ entry, regex: entryRegex(entry) }));

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
export function referenceLintMessage(text: string, options: LintOptions): LintResult {
  const norm = referenceNormalizeForLint(text);
  const found: { at: number; violation: LintViolation }[] = [];
  const seen = new Set<string>();
  const taken: [number, number][] = [];

  // Longer terms first so "lapor polisi" is reported once as a phrase, not again as "polisi".
  const byLength = [...COMPILED].sort((a, b) => b.entry.term.length - a.entry.term.length);
  for (const { entry, regex } of byLength) {
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
      norm.text.includes(referenceNormalizeForLint(options.creditorName.trim()).text));
  if (!hasCreditor) violations.push({ rule: 'missing_creditor_identity', match: '{{creditor_name}}', message: MESSAGES.missing_creditor_identity });

  if (isElectronicChannel(options.channel) && !OPT_OUT.test(text)) {
    violations.push({ rule: 'missing_opt_out', match: options.language === 'id' ? 'BERHENTI' : 'STOP', message: MESSAGES.missing_opt_out });
  }

  return { ok: violations.length === 0, violations };
}
