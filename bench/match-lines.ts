import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
/**
 * Two minor collections after preparing a chunk move its (live) candidates out of the young generation, so the copying
 * is not charged to whichever matcher happens to run next: each pays for its own garbage only.
 */
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as (options: { type: 'minor'; execution: 'sync' }) => void;
import { rupiah } from '../src/domain/money.ts';
import { extractIdentifiers, matchLine, normalizeIdentifier, DEFAULT_MATCH_RULES } from '../src/domain/matching/index.ts';
import type { AccountCandidate, CandidateLookup, CreditLine, MatchDecision } from '../src/domain/matching/index.ts';
import { isExpectedAmount as baselineIsExpected, matchLine as baselineMatchLine } from './support/match-line-baseline/match-line.ts';
import { accountAt, statementCsv } from './support/reconcile-data.ts';

/**
 * `npm run bench -- match-lines [--accounts 1000000] [--lines 30000] [--seed 7] [--chunk 2000] [--slack 0]`
 *
 * The matching engine alone, without a database: the reconcile bench's portfolio (`accountAt`) and statement
 * (`statementCsv`), candidates built in memory the way `decide` (src/modules/payments/reconcile.ts) builds them, and
 * every credit line matched by the current `matchLine` and by the reference copy in support/match-line-baseline/
 * (the matcher before its performance work). Any difference in a decision — status, account, rule, confidence,
 * candidates and their order — fails the run; otherwise prints lines/s of both.
 *
 * byAmount holds the accounts whose instalment equals the line's amount and whose due date is within the due window
 * (± 10 days) of the line's date, widened by `--slack` days on both sides: `decide` looks amounts up over a window
 * merged across a batch, so some candidates fall outside the line's own window and must be filtered by the matcher.
 * Lines are prepared a chunk at a time, for each matcher (candidates are fresh objects per chunk, as per batch in
 * `decide`), and the two matchers take turns going first so neither always pays for the other's garbage.
 */
export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      accounts: { type: 'string', default: '1000000' },
      lines: { type: 'string', default: '30000' },
      seed: { type: 'string', default: '7' },
      chunk: { type: 'string', default: '2000' },
      slack: { type: 'string', default: '0' },
      // For profiling one matcher alone: nothing is compared.
      only: { type: 'string' },
    },
  });
  const n = Number(values.accounts);
  const slack = Number(values.slack);
  const chunkSize = Number(values.chunk);
  const log = (s: string) => process.stderr.write(`${s}\n`);

  const byInstallment = installmentIndex(n);
  const { csv } = statementCsv(n, Number(values.lines), Number(values.seed));
  const rows = csv
    .split('\n')
    .slice(1)
    .map((r) => r.split(','))
    .filter((r) => Number(r[2]) > 0);

  let baselineMs = 0;
  let currentMs = 0;
  let baselineAmountMs = 0;
  let currentAmountMs = 0;
  let compared = 0;
  let amountLines = 0;
  let amountCandidates = 0;
  const outcomes = new Map<string, number>();
  for (let from = 0; from < rows.length; from += chunkSize) {
    const chunk = rows.slice(from, from + chunkSize);
    const inputs = prepare(chunk, n, byInstallment, slack);
    for (const x of inputs) {
      if (x.lookup.byAmount.length > 0) {
        amountLines += 1;
        amountCandidates += x.lookup.byAmount.length;
      }
    }
    // Lines with amount candidates (the costly path) are timed apart from the others.
    // Each matcher gets candidates of its own, as fresh as `decide`'s are for each batch: neither finds the strings
    // already hashed or the objects already in cache by the other.
    const timed = (f: typeof matchLine): { ms: number; amountMs: number; out: MatchDecision[] } => {
      const own = f === matchLine ? inputs : prepare(chunk, n, byInstallment, slack);
      gc({ type: 'minor', execution: 'sync' });
      gc({ type: 'minor', execution: 'sync' });
      let amountMs = 0;
      const t = performance.now();
      const out = own.map((x) => {
        if (x.lookup.byAmount.length === 0) return f(x.line, x.lookup, DEFAULT_MATCH_RULES);
        const t0 = performance.now();
        const d = f(x.line, x.lookup, DEFAULT_MATCH_RULES);
        amountMs += performance.now() - t0;
        return d;
      });
      return { ms: performance.now() - t, amountMs, out };
    };
    if (values.only !== undefined) {
      const r = timed(values.only === 'baseline' ? baselineMatchLine : matchLine);
      baselineMs += r.ms;
      baselineAmountMs += r.amountMs;
      continue;
    }
    const currentFirst = (from / chunkSize) % 2 === 1;
    const a = currentFirst ? null : timed(baselineMatchLine);
    const b = timed(matchLine);
    const base = a ?? timed(baselineMatchLine);
    baselineMs += base.ms;
    currentMs += b.ms;
    baselineAmountMs += base.amountMs;
    currentAmountMs += b.amountMs;
    for (const [k, x] of inputs.entries()) {
      const want = json(base.out[k]);
      const got = json(b.out[k]);
      if (want !== got) {
        throw new Error(`decision differs on line ${from + k + 2} (${x.line.description} / ${x.line.reference} / ${x.line.amount}):\n baseline ${want}\n current  ${got}`);
      }
      const o = `${base.out[k]!.status} ${base.out[k]!.rule}`;
      outcomes.set(o, (outcomes.get(o) ?? 0) + 1);
      compared += 1;
    }
  }

  if (values.only !== undefined) {
    log(`${values.only} alone, nothing compared: ${Math.round(rows.length / (baselineMs / 1000))} lines/s, with amount candidates ${Math.round(amountLines / (baselineAmountMs / 1000))} lines/s`);
    return;
  }
  const rate = (ms: number) => Math.round(compared / (ms / 1000));
  log(`${compared} credit lines, all decisions identical; ${amountLines} with amount candidates (${(amountCandidates / Math.max(1, amountLines)).toFixed(0)} each on average)`);
  log(`baseline ${rate(baselineMs)} lines/s (${(baselineMs / 1000).toFixed(2)} s), current ${rate(currentMs)} lines/s (${(currentMs / 1000).toFixed(2)} s): ×${(baselineMs / currentMs).toFixed(2)}`);
  const amountRate = (ms: number) => Math.round(amountLines / (ms / 1000));
  log(`  lines with amount candidates: baseline ${amountRate(baselineAmountMs)} lines/s, current ${amountRate(currentAmountMs)} lines/s: ×${(baselineAmountMs / currentAmountMs).toFixed(2)}`);
  log([...outcomes].sort((x, y) => y[1] - x[1]).map(([o, c]) => `  ${o}: ${c}`).join('\n'));
  process.stdout.write(`${JSON.stringify({ compared, identical: true, amountLines, baselineLinesPerSec: rate(baselineMs), currentLinesPerSec: rate(currentMs), baselineAmountLinesPerSec: amountRate(baselineAmountMs), currentAmountLinesPerSec: amountRate(currentAmountMs) })}\n`);
}

/** Account indexes by instalment (the instalment formula of `accountAt`, without building the accounts). */
export function installmentIndex(n: number): Map<number, Int32Array> {
  const counts = new Map<number, number>();
  const inst = (i: number) => (200 + ((i * 7919) % 4800)) * 1000;
  for (let i = 1; i <= n; i += 1) counts.set(inst(i), (counts.get(inst(i)) ?? 0) + 1);
  const out = new Map<number, Int32Array>();
  const fill = new Map<number, number>();
  for (const [k, c] of counts) {
    out.set(k, new Int32Array(c));
    fill.set(k, 0);
  }
  for (let i = 1; i <= n; i += 1) {
    const k = inst(i);
    const at = fill.get(k)!;
    out.get(k)![at] = i;
    fill.set(k, at + 1);
  }
  return out;
}

interface Input {
  readonly line: CreditLine;
  readonly lookup: CandidateLookup;
}

/** Lines and their lookups as `decide` builds them, for one chunk (one candidate object per account per chunk). */
export function prepare(rows: readonly string[][], n: number, byInstallment: Map<number, Int32Array>, slack: number): Input[] {
  const made = new Map<number, AccountCandidate>();
  const cand = (i: number): AccountCandidate => {
    let c = made.get(i);
    if (c === undefined) {
      const a = accountAt(i);
      c = {
        accountId: asRead(`acc-${i}`),
        accountNo: asRead(a.accountNo),
        vaNumber: asRead(a.va),
        status: 'active',
        outstanding: rupiah(a.outstanding),
        installment: rupiah(a.installment),
        expectedDueDate: asRead(a.dueDate),
        pendingPromises: [],
        debtorName: asRead(a.name),
      };
      made.set(i, c);
    }
    return c;
  };
  // The portfolio's identifiers are formulas of the account index: `7` + 9 digits, `8808` + 12 digits.
  const indexOf = (id: string, re: RegExp, prefix: number): number | undefined => {
    if (!re.test(id)) return undefined;
    const i = Number(id.slice(prefix));
    return i >= 1 && i <= n ? i : undefined;
  };
  const window = Math.max(DEFAULT_MATCH_RULES.dueWindowBefore, DEFAULT_MATCH_RULES.dueWindowAfter) + slack;
  return rows.map(([date, description, amountText, reference]) => {
    const line: CreditLine = { amount: rupiah(BigInt(amountText!)), valueDate: date!, reference: reference!, description: description! };
    const ref = normalizeIdentifier(line.reference);
    const ids = extractIdentifiers(line.reference, line.description);
    if (ref !== '') ids.push(ref, ...(ref.startsWith('VA') ? [ref.slice(2)] : []));
    const byVa = new Map<string, AccountCandidate>();
    const byAccountNo = new Map<string, AccountCandidate>();
    for (const id of ids) {
      const v = indexOf(id, /^8808\d{12}$/, 4);
      if (v !== undefined) byVa.set(id, cand(v));
      const a = indexOf(id, /^7\d{9}$/, 1);
      if (a !== undefined) byAccountNo.set(id, cand(a));
    }
    const byAmount = needsAmount(line, ref, byVa, byAccountNo) ? amountCandidates(line, byInstallment, window, cand) : [];
    return { line, lookup: { byVa, byAccountNo, byAmount } };
  });
}

/** As in `decide`: not when the reference names an account, nor when the one account named expects this amount now. */
function needsAmount(line: CreditLine, ref: string, byVa: Map<string, AccountCandidate>, byAccountNo: Map<string, AccountCandidate>): boolean {
  if (ref !== '' && (byVa.has(ref) || byAccountNo.has(ref) || (ref.startsWith('VA') && byVa.has(ref.slice(2))))) return false;
  const hits = new Set<AccountCandidate>([...byVa.values(), ...byAccountNo.values()]);
  if (hits.size !== 1) return true;
  const [h] = hits;
  return !(h!.status === 'active' && h!.installment === line.amount && baselineIsExpected({ ...line, reference: '', description: '' }, h!));
}

function amountCandidates(line: CreditLine, byInstallment: Map<number, Int32Array>, window: number, cand: (i: number) => AccountCandidate): AccountCandidate[] {
  const day = Date.parse(`${line.valueDate}T00:00:00Z`);
  const out: AccountCandidate[] = [];
  for (const i of byInstallment.get(Number(line.amount)) ?? []) {
    // `accountAt(i).dueDate`, without building the account.
    const due = Date.UTC(2026, 10, 1 + ((i * 31) % 28));
    if (Math.abs(due - day) <= window * 86_400_000) out.push(cand(i));
  }
  return out;
}

/**
 * A string as a database driver hands it over (decoded from a buffer: flat, not shared between rows), rather than the
 * concatenation `accountAt` builds, which every hash lookup would first have to flatten.
 */
function asRead(s: string): string {
  return Buffer.from(s, 'utf8').toString('utf8');
}

function json(d: MatchDecision | undefined): string {
  return JSON.stringify(d, (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
}
