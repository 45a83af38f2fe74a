import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysBetween } from '../dates.ts';
import { rupiah } from '../money.ts';
import { DEFAULT_MATCH_RULES, matchLine, type MatchRules } from './match-line.ts';
import { MAX_CANDIDATES, type AccountCandidate, type CreditLine, type MatchCandidate, type MatchDecision } from './match-types.ts';
import { comparableName, DescriptionScorer, descriptionWords, editDistance, explainedWords, forgetNameTables, prepareName, scoreName } from './name-similarity.ts';
import { extractIdentifiers, normalizeIdentifier } from './normalize.ts';

/**
 * The matcher scores names through numbered tokens and caches kept across lines, and does not rank payers whose name
 * resembles no word one by one. These properties hold it to the plain computation: `scoreName`/`explainedWords` per
 * name, and name + amount + date matching written out as it was before (every expected payer scored, ranked, sorted
 * and checked as a rival), on small random portfolios whose names share tokens, variants and typos.
 */

const VOCAB = ['BUDI', 'SANTOSO', 'SANTOSA', 'SITI', 'RAHMAWATI', 'EKO', 'ADI', 'SULISTYO', 'SARI', 'DEWI', 'MUHAMMAD', 'M', 'MOH', 'RIZAL', 'SIREGAR', 'NUR', 'AGUS', 'WIBOWO', 'PRASETYO'];
const NOISE = ['TRF', 'DARI', 'ANGSURAN', 'BPK', 'CICILAN', 'NOV', 'SETORAN', 'TUNAI', 'KE', 'PT'];

/** A vocabulary word, sometimes with one letter changed, dropped or doubled, or cut short. */
const word = fc
  .tuple(fc.constantFrom(...VOCAB), fc.nat(3), fc.nat(20), fc.constantFrom('A', 'O', 'I', 'U'))
  .map(([w, op, at, ch]) => {
    const p = at % w.length;
    if (op === 0) return w;
    if (op === 1) return w.slice(0, p) + ch + w.slice(p + 1);
    if (op === 2) return w.length > 3 ? w.slice(0, p) + w.slice(p + 1) : w + ch;
    return w.slice(0, Math.max(1, w.length - 1 - (at % 3)));
  });
/** Namesakes, near-namesakes and a name inside another, so twins and rivals are common. */
const CLOSE_NAMES = ['Budi Santoso', 'Budi Santosa', 'Eko Adi Sulistyo', 'Eko Sulistyo', 'Siti Rahmawati', 'M Rizal Siregar', 'Muhammad Rizal Siregar'];
const name = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...CLOSE_NAMES) },
  { weight: 8, arbitrary: fc.array(fc.constantFrom(...VOCAB), { minLength: 1, maxLength: 3 }).map((t) => t.map((x) => x[0] + x.slice(1).toLowerCase()).join(' ')) },
  { weight: 1, arbitrary: fc.array(word, { minLength: 1, maxLength: 3 }).map((t) => t.join(' ')) },
  { weight: 1, arbitrary: fc.constant(null) },
);
const description = fc
  .array(fc.oneof({ weight: 3, arbitrary: word }, { weight: 2, arbitrary: fc.constantFrom(...NOISE) }), { maxLength: 6 })
  .map((ws) => ws.join(' '));

const BASE_DAY = '2026-11-15';
const dayAt = (offset: number) => new Date(Date.UTC(2026, 10, 15 + offset)).toISOString().slice(0, 10);

const account = fc.record({
  name,
  active: fc.nat(9),
  installment: fc.constantFrom(1_000_000, 1_000_000, 1_000_000, 750_000, null),
  due: fc.option(fc.integer({ min: -14, max: 14 }), { nil: null }),
  promise: fc.option(fc.record({ amount: fc.constantFrom(1_000_000, 500_000), at: fc.integer({ min: -9, max: 9 }) }), { nil: null, freq: 4 }),
  no: fc.nat(999),
});

/** Candidates with distinct account numbers and ids (as accounts are), in random order. */
const candidates = fc.array(account, { maxLength: 14 }).map((xs) =>
  xs.map(
    (x, k): AccountCandidate => ({
      accountId: `id-${k}`,
      accountNo: `70000${String((x.no * 17 + k * 1000) % 100_000).padStart(5, '0')}`,
      vaNumber: null,
      status: x.active === 0 ? 'closed' : 'active',
      outstanding: rupiah(5_000_000),
      installment: x.installment === null ? null : rupiah(x.installment),
      expectedDueDate: x.due === null ? null : dayAt(x.due),
      pendingPromises: x.promise === null ? [] : [{ amount: rupiah(x.promise.amount), promisedDate: dayAt(x.promise.at) }],
      debtorName: x.name,
    }),
  ),
);

/** Mostly the defaults; sometimes rules under which payers named nowhere can still be strong or rivals. */
const rules: fc.Arbitrary<MatchRules> = fc.oneof(
  { weight: 3, arbitrary: fc.constant(DEFAULT_MATCH_RULES) },
  {
    weight: 1,
    arbitrary: fc.record({
      nameAutoMin: fc.constantFrom(0, 0.1, 0.5, 0.85),
      nameRivalEnds: fc.constantFrom(0, 0.4, 0.7),
      nameRivalMargin: fc.constantFrom(0, 0.15, 0.6, 1),
    }).map((r) => ({ ...DEFAULT_MATCH_RULES, ...r })),
  },
);

/** A line without identifiers the lookup knows; sometimes with a candidate's account number one digit off in it. */
const lineFor = (desc: string, amount: number, typoOf: string | null): CreditLine => ({
  amount: rupiah(amount),
  valueDate: BASE_DAY,
  reference: '',
  description: typoOf === null ? desc : `${desc} ${typoOf.slice(0, -1)}${(Number(typoOf.slice(-1)) + 1) % 10}`,
});

describe('matchLine against the plain name + amount + date computation', () => {
  it('decides exactly as scoring, ranking and checking every expected payer', () => {
    fc.assert(
      fc.property(description, fc.constantFrom(1_000_000, 500_000), candidates, rules, fc.nat(20), fc.nat(20), fc.boolean(), (desc, amount, byAmount, r, typo, payer, cut) => {
        // Often the description names one of the payers, in full or with its last letter cut, and quotes an account
        // number one digit off (often that payer's: how twins are told apart).
        const named = byAmount[payer]?.debtorName?.toUpperCase() ?? '';
        const typoOf = (typo % 2 === 0 ? byAmount[payer] : byAmount[typo])?.accountNo ?? null;
        const line = lineFor(`${desc} ${cut ? named.slice(0, -1) : named}`, amount, typoOf);
        const lookup = { byVa: new Map(), byAccountNo: new Map(), byAmount };
        expect(matchLine(line, lookup, r)).toEqual(plainNameAmountDate(line, byAmount, r));
      }),
      { numRuns: 3000 },
    );
  });

  it('scores names as scoreName and explainedWords do, line after line', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(description, fc.array(name, { maxLength: 8 })), { minLength: 1, maxLength: 5 }), (lines) => {
        for (const [desc, names] of lines) {
          const words = descriptionWords(desc);
          const scorer = new DescriptionScorer(words);
          for (const n of names) {
            const tokens = comparableName(n ?? '');
            const out = { gated: -1, raw: -1, ends: -1 };
            scorer.score(prepareName(n ?? ''), out);
            expect(out).toEqual(scoreName(tokens, words));
            expect(scorer.explained(prepareName(n ?? ''))).toEqual(explainedWords(tokens, words));
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it('scores names prepared, and with scorers made, before the tables were forgotten', () => {
    fc.assert(
      fc.property(description, description, fc.array(name, { maxLength: 6 }), fc.array(name, { maxLength: 6 }), (d1, d2, before, after) => {
        const w1 = descriptionWords(d1);
        const w2 = descriptionWords(d2);
        const old = new DescriptionScorer(w1);
        const oldNames = before.map((n) => prepareName(n ?? ''));
        for (const p of oldNames) old.score(p, { gated: 0, raw: 0, ends: 0 });
        forgetNameTables();
        const fresh = new DescriptionScorer(w2);
        const newNames = after.map((n) => prepareName(n ?? ''));
        for (const [scorer, words] of [[old, w1], [fresh, w2]] as const) {
          for (const p of [...oldNames, ...newNames]) {
            const out = { gated: -1, raw: -1, ends: -1 };
            scorer.score(p, out);
            expect(out).toEqual(scoreName(p.tokens, words));
            expect(scorer.explained(p)).toEqual(explainedWords(p.tokens, words));
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('editDistance with reused rows is the optimal string alignment distance up to its limit', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('A', 'B', 'C', 'D'), maxLength: 9 }), fc.string({ unit: fc.constantFrom('A', 'B', 'C', 'D'), maxLength: 9 }), fc.nat(4), (a, b, limit) => {
        // Exact up to the limit; beyond it only "more than the limit" is promised (what `tokenScore` relies on).
        const d = editDistance(a, b, limit);
        if (osa(a, b) <= limit) expect(d).toBe(osa(a, b));
        else expect(d).toBeGreaterThan(limit);
      }),
      { numRuns: 2000 },
    );
  });
});

/** Optimal string alignment distance, uncapped, the full table. */
function osa(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/** `matchLine`'s name + amount + date rule for a line whose identifiers name no account, computed the plain way. */
function plainNameAmountDate(line: CreditLine, byAmount: readonly AccountCandidate[], rules: MatchRules): MatchDecision {
  const words = descriptionWords(line.description);
  const within = (date: string, before: number, after: number) => {
    const d = daysBetween(date, line.valueDate);
    return d >= -before && d <= after;
  };
  const isExpected = (a: AccountCandidate) =>
    (a.installment === line.amount && a.expectedDueDate !== null && within(a.expectedDueDate, rules.dueWindowBefore, rules.dueWindowAfter)) ||
    a.pendingPromises.some((p) => p.amount === line.amount && within(p.promisedDate, rules.promiseWindowBefore, rules.promiseWindowAfter));
  const expected = byAmount.filter((a) => a.status === 'active' && isExpected(a));
  if (expected.length === 0) return { status: 'unmatched', accountId: null, accountNo: null, rule: 'none', confidence: 0, candidates: [] };
  const round = (x: number) => Math.round(x * 1000) / 1000;
  const tokens = (a: AccountCandidate) => comparableName(a.debtorName ?? '');
  const scored = expected.map((a) => {
    const s = a.debtorName === null ? { gated: 0, raw: 0, ends: 0 } : scoreName(tokens(a), words);
    return { a, name: s.gated, raw: s.raw, ends: s.ends };
  });
  scored.sort((x, y) => y.name - x.name || y.raw - x.raw || (x.a.accountNo < y.a.accountNo ? -1 : 1));
  const ranked: MatchCandidate[] = scored.map(({ a, name }) => ({
    accountId: a.accountId,
    accountNo: a.accountNo,
    rule: name > 0 ? 'name_amount_date' : 'amount_date',
    confidence: round(name > 0 ? 0.5 + 0.45 * name : expected.length === 1 ? 0.5 : 0.5 / expected.length),
  }));
  const decided = (a: AccountCandidate, rule: MatchCandidate['rule'], confidence: number, status: MatchDecision['status'], list: MatchCandidate[]): MatchDecision => ({
    status,
    accountId: a.accountId,
    accountNo: a.accountNo,
    rule,
    confidence: round(confidence),
    candidates: list.slice(0, MAX_CANDIDATES),
  });
  const strong = scored.filter((s) => s.name >= rules.nameAutoMin);
  if (strong.length > 0) {
    const dominated = (r: AccountCandidate, top: AccountCandidate) => {
      const rw = explainedWords(tokens(r), words);
      const tw = explainedWords(tokens(top), words);
      return !rw.partial && rw.words.size < tw.words.size && [...rw.words].every((x) => tw.words.has(x));
    };
    const threatens = (top: (typeof scored)[number], r: (typeof scored)[number]) => (r.ends >= rules.nameRivalEnds || r.raw >= top.name - rules.nameRivalMargin) && !dominated(r.a, top.a);
    const winners = strong.filter((top) => scored.every((r) => r === top || !threatens(top, r)));
    const others = (a: AccountCandidate) => ranked.filter((c) => c.accountId !== a.accountId);
    if (winners.length === 1) {
      const w = winners[0]!;
      return decided(w.a, 'name_amount_date', 0.5 + 0.45 * w.name, 'matched', [ranked.find((c) => c.accountId === w.a.accountId)!, ...others(w.a)]);
    }
    const ids = extractIdentifiers(line.reference, line.description);
    const oneOff = (no: string) => ids.some((id) => id.length === no.length && [...id].filter((ch, i) => ch !== no[i]).length === 1);
    const near = strong.filter((s) => oneOff(normalizeIdentifier(s.a.accountNo)));
    if (near.length === 1 && near[0]!.name >= strong[0]!.name && scored.every((r) => r === near[0] || !threatens(near[0]!, r) || r.name <= near[0]!.name)) {
      const w = near[0]!;
      const confidence = round(0.5 + 0.4 * w.name);
      return decided(w.a, 'account_typo_name_amount', confidence, 'matched', [{ accountId: w.a.accountId, accountNo: w.a.accountNo, rule: 'account_typo_name_amount', confidence }, ...others(w.a)]);
    }
  }
  return decided(scored[0]!.a, ranked[0]!.rule, ranked[0]!.confidence, 'suggested', ranked);
}
