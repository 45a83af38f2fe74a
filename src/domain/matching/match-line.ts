import { daysBetween } from '../dates.ts';
import { comparableName, descriptionWords, scoreName } from './name-similarity.ts';
import { extractIdentifiers, normalizeIdentifier } from './normalize.ts';
import {
  MAX_CANDIDATES,
  type AccountCandidate,
  type CandidateLookup,
  type CreditLine,
  type MatchCandidate,
  type MatchDecision,
  type MatchRule,
} from './match-types.ts';

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
    const d = daysBetween(a.expectedDueDate, line.valueDate);
    if (d >= -rules.dueWindowBefore && d <= rules.dueWindowAfter) return true;
  }
  for (const p of a.pendingPromises) {
    if (p.amount !== line.amount) continue;
    const d = daysBetween(p.promisedDate, line.valueDate);
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
 * 3. no identifier: exactly one account expected this amount near this date and the description names its
 *    debtor (score ≥ `nameAutoMin`) while no other such account comes close (`name_amount_date`).
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
    const auto = ranked.length === 1 && best.confidence >= 0.9;
    const account = found.get(best.accountId)!.account;
    return decided(auto ? 'matched' : 'suggested', account, best.rule, best.confidence, ranked);
  }

  // Amount and date against expected instalments and open promises, with the name as the deciding evidence.
  const expected = lookup.byAmount.filter((a) => a.status === 'active' && isExpectedAmount(line, a, rules));
  if (expected.length === 0) return { status: 'unmatched', accountId: null, accountNo: null, rule: 'none', confidence: 0, candidates: [] };
  const scored = expected.map((a) => {
    const s = score(a);
    return { a, name: s.gated, raw: s.raw, ends: s.ends };
  });
  scored.sort((x, y) => y.name - x.name || y.raw - x.raw || (x.a.accountNo < y.a.accountNo ? -1 : 1));
  const top = scored[0]!;
  // A rival counts by raw resemblance: "Budi Santosa" must block "Budi Santoso" even though it alone would not match.
  const rivals = scored.slice(1);
  const threatened = rivals.some((r) => r.ends >= rules.nameRivalEnds || r.raw >= top.name - rules.nameRivalMargin);
  const ranked: MatchCandidate[] = scored.map(({ a, name }) =>
    name > 0
      ? { accountId: a.accountId, accountNo: a.accountNo, rule: 'name_amount_date', confidence: round(0.5 + 0.45 * name) }
      : { accountId: a.accountId, accountNo: a.accountNo, rule: 'amount_date', confidence: round(expected.length === 1 ? 0.5 : 0.5 / expected.length) },
  );
  if (top.name >= rules.nameAutoMin && !threatened) {
    return decided('matched', top.a, 'name_amount_date', ranked[0]!.confidence, ranked);
  }
  return decided('suggested', top.a, ranked[0]!.rule, ranked[0]!.confidence, ranked);
}

/** Name tokens per candidate, computed once however many lines the candidate is compared with. */
const NAME_TOKENS = new WeakMap<AccountCandidate, string[]>();
function nameOf(a: AccountCandidate): string[] {
  let t = NAME_TOKENS.get(a);
  if (t === undefined) {
    t = comparableName(a.debtorName ?? '');
    NAME_TOKENS.set(a, t);
  }
  return t;
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
