// Reference copy of src/domain/matching/match-line.ts as of 087526c (before the matcher's performance work), kept so
// `npm run bench -- match-lines` can prove the optimised matcher decides exactly as this one. Edit only to follow a
// deliberate change of the rules (one so far: the rival of a named identifier is the smallest account number).
import { daysBetween } from '../../../src/domain/dates.ts';
import { comparableName, descriptionWords, explainedWords, scoreName } from './name-similarity.ts';
import { extractIdentifiers, normalizeIdentifier } from '../../../src/domain/matching/normalize.ts';
import {
  MAX_CANDIDATES,
  type AccountCandidate,
  type CandidateLookup,
  type CreditLine,
  type MatchCandidate,
  type MatchDecision,
  type MatchRule,
} from '../../../src/domain/matching/match-types.ts';

/** Tunables; the defaults are what the benchmark's precision/recall figures were measured with. */
export interface MatchRules {
  /** An instalment is expected from this many days before its due date to this many after. */
  readonly dueWindowBefore: number;
  readonly dueWindowAfter: number;
  /** A promise is expected from this many days before the promised date to this many after. */
  readonly promiseWindowBefore: number;
  readonly promiseWindowAfter: number;
  /**
   * Name score needed to book on name + amount + date. No other expected payer may have both its first and last name
   * in the description (each ≥ `nameRivalEnds`, typos allowed) nor a resemblance within `nameRivalMargin` of the
   * winner: a shared surname is fine, "Budi Santosa" against "Budi Santoso" or a dropped middle name is not.
   */
  readonly nameAutoMin: number;
  readonly nameRivalEnds: number;
  readonly nameRivalMargin: number;
  /** Name score that corroborates an identifier found in free text. */
  readonly nameCorroborates: number;
}

export const DEFAULT_MATCH_RULES: MatchRules = {
  dueWindowBefore: 10,
  dueWindowAfter: 10,
  promiseWindowBefore: 7,
  promiseWindowAfter: 3,
  nameAutoMin: 0.85,
  nameRivalEnds: 0.7,
  nameRivalMargin: 0.15,
  nameCorroborates: 0.75,
};

/** True when the amount is what this account was expected to pay around the value date (instalment or promise). */
export function isExpectedAmount(line: CreditLine, a: AccountCandidate, rules: MatchRules = DEFAULT_MATCH_RULES): boolean {
  if (a.installment !== null && a.installment === line.amount && a.expectedDueDate !== null) {
    const d = daysApart(a.expectedDueDate, line.valueDate);
    if (d >= -rules.dueWindowBefore && d <= rules.dueWindowAfter) return true;
  }
  for (const p of a.pendingPromises) {
    if (p.amount !== line.amount) continue;
    const d = daysApart(p.promisedDate, line.valueDate);
    if (d >= -rules.promiseWindowBefore && d <= rules.promiseWindowAfter) return true;
  }
  return false;
}

/** Amount fits the account at all: positive debt, or an exact instalment/promise/payoff amount. */
function plausibleAmount(line: CreditLine, a: AccountCandidate): boolean {
  return line.amount <= a.outstanding || (a.installment !== null && line.amount === a.installment) || a.pendingPromises.some((p) => p.amount === line.amount);
}

/**
 * Matches one credit line to an account. Precision first — only one of these books automatically:
 * 1. the reference field is exactly one account's VA or account number (`va_reference`, `account_reference`);
 * 2. identifiers found in the description point to exactly one account, and the debtor's name corroborates it
 *    (`va_description`, `account_description`) — a number in free text could be anything, even a typo of another account;
 *    — unless a same-named payer expecting exactly this amount has an account number one digit off the line's;
 * 3. no identifier (or none the name corroborates: a mistyped number): exactly one account expected this amount near
 *    this date and the description names its debtor (score ≥ `nameAutoMin`) while every other such account is either
 *    not close or explains a strict subset of the words (`name_amount_date`); same-named payers are told apart only by
 *    an account number one digit off in the description (`account_typo_name_amount`).
 * Everything else — two accounts named, an identifier without corroboration, amount-only — is `suggested` with
 * ranked candidates, or `unmatched`.
 */
export function matchLine(line: CreditLine, lookup: CandidateLookup, rules: MatchRules = DEFAULT_MATCH_RULES): MatchDecision {
  const ref = normalizeIdentifier(line.reference);
  const refVa = lookup.byVa.get(ref) ?? (ref.startsWith('VA') ? lookup.byVa.get(ref.slice(2)) : undefined);
  const refAccount = lookup.byAccountNo.get(ref);
  const refHit = refVa ?? refAccount;
  if (ref !== '' && refHit !== undefined && (refVa === undefined || refAccount === undefined || refVa.accountId === refAccount.accountId)) {
    const rule: MatchRule = refVa !== undefined ? 'va_reference' : 'account_reference';
    return decided('matched', refHit, rule, 1, [{ accountId: refHit.accountId, accountNo: refHit.accountNo, rule, confidence: 1 }]);
  }

  // Identifiers inside the reference (when not an exact hit) and the description.
  const found = new Map<string, { account: AccountCandidate; rule: MatchRule }>();
  for (const id of extractIdentifiers(line.reference, line.description)) {
    const va = lookup.byVa.get(id);
    if (va && !found.has(va.accountId)) found.set(va.accountId, { account: va, rule: 'va_description' });
    const acc = lookup.byAccountNo.get(id);
    if (acc && !found.has(acc.accountId)) found.set(acc.accountId, { account: acc, rule: 'account_description' });
  }
  const words = descriptionWords(line.description);
  const memo = new Map<string, number>();
  const score = (a: AccountCandidate) => (a.debtorName === null ? { gated: 0, raw: 0, ends: 0 } : scoreName(nameOf(a), words, memo));
  if (found.size > 0) {
    const ranked: MatchCandidate[] = [...found.values()].map(({ account, rule }) => {
      const name = score(account).gated;
      // Only the name corroborates: an expected amount does not (instalment amounts cluster, and a mistyped account
      // number can land on another account with the same instalment — the benchmark's typo lines showed it).
      const corroborated = name >= rules.nameCorroborates;
      const base = rule === 'va_description' ? 0.9 : 0.85;
      const confidence = corroborated && plausibleAmount(line, account) ? Math.min(0.99, base + 0.09) : base - 0.25;
      return { accountId: account.accountId, accountNo: account.accountNo, rule, confidence: round(confidence) };
    });
    ranked.sort(byConfidence);
    const best = ranked[0]!;
    const account = found.get(best.accountId)!.account;
    if (best.confidence >= 0.9) {
      // Another payer named as well, expecting exactly this amount now, whose account number is one digit off the
      // line's: the number may be a typo of theirs (the benchmark's typo lines land on same-named neighbours).
      const named = score(account).gated;
      const ids = extractIdentifiers(line.reference, line.description);
      // The smallest account number among such rivals (made order-independent with the optimised matcher).
      const rival = lookup.byAmount
        .filter((x) => !found.has(x.accountId) && x.status === 'active' && isExpectedAmount(line, x, rules) && score(x).gated >= Math.max(named, rules.nameCorroborates) && oneDigitOff(x.accountNo, ids))
        .sort((a, b) => (a.accountNo < b.accountNo ? -1 : 1))[0];
      const auto = ranked.length === 1 && rival === undefined;
      const all = rival === undefined ? ranked : [...ranked, { accountId: rival.accountId, accountNo: rival.accountNo, rule: 'name_amount_date' as const, confidence: round(0.5 + 0.45 * score(rival).gated) }];
      return decided(auto ? 'matched' : 'suggested', account, best.rule, best.confidence, all);
    }
    // The name corroborates a number but the amount does not fit that account: a person decides.
    if ([...found.values()].some(({ account: a }) => score(a).gated >= rules.nameCorroborates)) return decided('suggested', account, best.rule, best.confidence, ranked);
    // No identifier is corroborated by the name: the number may be mistyped, or not an account at all. Fall back to
    // name + amount + date, as if the line named no identifier; otherwise suggest what the numbers pointed to.
    const byName = matchByNameAmountDate(line, lookup, rules, score);
    if (byName.status === 'matched') return byName;
    return decided('suggested', account, best.rule, best.confidence, [...ranked, ...byName.candidates]);
  }
  return matchByNameAmountDate(line, lookup, rules, score);
}

type Scorer = (a: AccountCandidate) => { gated: number; raw: number; ends: number };

/**
 * Amount and date against expected instalments and open promises, with the name as the deciding evidence: a payer
 * books when its name scores ≥ `nameAutoMin` and every other expected payer is either no threat (a shared surname,
 * nothing close) or explains a strict subset of the words this one explains (`EKO ADI SULISTYO`: "Eko Adi Sulistyo"
 * over "Eko Sulistyo"). Same-named payers (twins) are told apart only by an account number one digit off in the
 * description (`account_typo_name_amount`); otherwise they wait for a person.
 */
function matchByNameAmountDate(line: CreditLine, lookup: CandidateLookup, rules: MatchRules, score: Scorer): MatchDecision {
  const expected = lookup.byAmount.filter((a) => a.status === 'active' && isExpectedAmount(line, a, rules));
  if (expected.length === 0) return { status: 'unmatched', accountId: null, accountNo: null, rule: 'none', confidence: 0, candidates: [] };
  const scored = expected.map((a) => {
    const s = score(a);
    return { a, name: s.gated, raw: s.raw, ends: s.ends };
  });
  scored.sort((x, y) => y.name - x.name || y.raw - x.raw || (x.a.accountNo < y.a.accountNo ? -1 : 1));
  const ranked: MatchCandidate[] = scored.map(({ a, name }) =>
    name > 0
      ? { accountId: a.accountId, accountNo: a.accountNo, rule: 'name_amount_date', confidence: round(0.5 + 0.45 * name) }
      : { accountId: a.accountId, accountNo: a.accountNo, rule: 'amount_date', confidence: round(expected.length === 1 ? 0.5 : 0.5 / expected.length) },
  );
  const strong = scored.filter((s) => s.name >= rules.nameAutoMin);
  if (strong.length > 0) {
    const words = descriptionWords(line.description);
    const explained = new Map<string, { words: Set<number>; partial: boolean }>();
    const explainedBy = (a: AccountCandidate) => {
      let e = explained.get(a.accountId);
      if (e === undefined) {
        e = explainedWords(nameOf(a), words);
        explained.set(a.accountId, e);
      }
      return e;
    };
    // A rival counts by raw resemblance: "Budi Santosa" must block "Budi Santoso" even though it alone would not match.
    const threatens = (top: (typeof scored)[number], r: (typeof scored)[number]) =>
      (r.ends >= rules.nameRivalEnds || r.raw >= top.name - rules.nameRivalMargin) && !dominated(explainedBy(r.a), explainedBy(top.a));
    const winners = strong.filter((top) => scored.every((r) => r === top || !threatens(top, r)));
    if (winners.length === 1) {
      const w = winners[0]!;
      return decided('matched', w.a, 'name_amount_date', round(0.5 + 0.45 * w.name), [ranked.find((c) => c.accountId === w.a.accountId)!, ...ranked.filter((c) => c.accountId !== w.a.accountId)]);
    }
    // Payers the name cannot tell apart, one of them named by an account number one digit off in the description.
    const ids = extractIdentifiers(line.reference, line.description);
    const near = strong.filter((s) => oneDigitOff(s.a.accountNo, ids));
    if (near.length === 1 && near[0]!.name >= strong[0]!.name && scored.every((r) => r === near[0] || !threatens(near[0]!, r) || r.name <= near[0]!.name)) {
      const w = near[0]!;
      const c: MatchCandidate = { accountId: w.a.accountId, accountNo: w.a.accountNo, rule: 'account_typo_name_amount', confidence: round(0.5 + 0.4 * w.name) };
      return decided('matched', w.a, c.rule, c.confidence, [c, ...ranked.filter((x) => x.accountId !== w.a.accountId)]);
    }
  }
  return decided('suggested', scored[0]!.a, ranked[0]!.rule, ranked[0]!.confidence, ranked);
}

/** True when one of `ids` is the account number with one character substituted (a mistyped digit). */
function oneDigitOff(accountNo: string, ids: readonly string[]): boolean {
  const no = normalizeIdentifier(accountNo);
  return ids.some((id) => {
    if (id.length !== no.length || id === no) return false;
    let diff = 0;
    for (let i = 0; i < id.length && diff < 2; i += 1) if (id[i] !== no[i]) diff += 1;
    return diff === 1;
  });
}

/** The rival's name explains a strict subset of the words the top's name explains, and nothing half-matches. */
function dominated(rival: { words: ReadonlySet<number>; partial: boolean }, top: { words: ReadonlySet<number> }): boolean {
  if (rival.partial || rival.words.size >= top.words.size) return false;
  for (const x of rival.words) if (!top.words.has(x)) return false;
  return true;
}

/**
 * Small bounded memo (cleared when full): the matcher compares the same few dates and the same names (a statement's
 * candidates share a few thousand names) millions of times.
 */
function memo<V>(limit: number, f: (k: string) => V): (k: string) => V {
  const m = new Map<string, V>();
  return (k) => {
    let v = m.get(k);
    if (v === undefined) {
      if (m.size >= limit) m.clear();
      v = f(k);
      m.set(k, v);
    }
    return v;
  };
}

const tokensOf = memo(100_000, comparableName);
const dayNo = memo(10_000, (d: string) => daysBetween('1970-01-01', d));
const daysApart = (from: string, to: string) => dayNo(to) - dayNo(from);

/** Name tokens per candidate, computed once per name however many candidates and lines share it. */
function nameOf(a: AccountCandidate): readonly string[] {
  return tokensOf(a.debtorName ?? '');
}

function decided(status: MatchDecision['status'], a: AccountCandidate, rule: MatchRule, confidence: number, candidates: MatchCandidate[]): MatchDecision {
  return { status, accountId: a.accountId, accountNo: a.accountNo, rule, confidence: round(confidence), candidates: candidates.slice(0, MAX_CANDIDATES) };
}

function byConfidence(a: MatchCandidate, b: MatchCandidate): number {
  return b.confidence - a.confidence || (a.accountNo < b.accountNo ? -1 : 1);
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
