import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { StatementLineStatus } from '../../db/schema-payments.ts';
import { DEFAULT_BOOKING_RULES, type BookingRules } from '../../domain/booking/plan-booking.ts';
import { DEFAULT_MATCH_RULES, extractIdentifiers, isExpectedAmount, matchLine, normalizeIdentifier, type AccountCandidate, type MatchDecision, type MatchRules } from '../../domain/matching/index.ts';
import { rupiah } from '../../domain/money.ts';
import { parseStatement, StatementParseError, type StatementFormat, type StatementTransaction } from '../../domain/statements/index.ts';
import { audit, type Actor } from '../audit/index.ts';
import { keyList } from '../../db/key-list.ts';
import type { BookPaymentInput } from './booking.ts';
import type { BookPaymentStep, BookPaymentsStep } from './booking-step.ts';
import { accountsByExpectedAmount, accountsByIdentifier, pendingPromisesOf, toCandidate } from './candidate-repo.ts';
import { lineKeys } from './line-key.ts';
import { insertStatementLines } from './statement-repo.ts';

/** One credit line of the statement as `tagih reconcile` reports it (CONTRACTS.md). */
export interface CreditOutcome {
  readonly reference: string;
  readonly amount: string;
  readonly account_no: string | null;
  readonly status: 'matched' | 'suggested' | 'unmatched';
  readonly rule: string;
  readonly confidence: number;
}

export interface ReconcileSummary {
  readonly matched: number;
  readonly suggested: number;
  readonly unmatched: number;
}

export type ReconcileResult =
  | { readonly ok: true; readonly importId: string; readonly credits: readonly CreditOutcome[]; readonly summary: ReconcileSummary; readonly newLines: number; readonly linesTotal: number }
  | { readonly ok: false; readonly error: StatementParseError };

export interface ReconcileInput {
  readonly text: string;
  readonly fileName: string;
  readonly format?: StatementFormat;
  readonly preset?: string;
  readonly actor: Actor;
  readonly receivedAt: Date;
  /** The booking flow (`bookPaymentFlow` from `src/flows/`), so matched lines get every cross-module effect. */
  readonly book: BookPaymentStep;
  /**
   * The same flow set-based (`bookPaymentsFlow`): each batch's matched lines are booked with one call, in line order.
   * Without it every matched line goes through `book` one at a time.
   */
  readonly bookMany?: BookPaymentsStep;
  readonly matchRules?: MatchRules;
  readonly bookingRules?: BookingRules;
  /** Lines matched per lookup round trip; larger batches mean fewer queries. */
  readonly batchSize?: number;
  /** Match and report without booking or storing anything (a preview; everything is rolled back). */
  readonly dryRun?: boolean;
}

/** Thrown inside the transaction to roll a dry run back while keeping its result. */
class DryRunRollback extends Error {
  constructor(readonly result: ReconcileResult) {
    super('dry run');
  }
}

export interface LineOutcome {
  status: StatementLineStatus;
  rule: string;
  confidence: number;
  accountId: string | null;
  accountNo: string | null;
  paymentId: string | null;
  candidates: MatchDecision['candidates'];
  /** Rupiah amount for IDR lines with whole rupiah; null otherwise. */
  amountIdr: bigint | null;
}

/**
 * Imports a bank statement and reconciles it: parses the whole file first (a malformed file is rejected whole, with
 * line and field, before anything is written), then — in ONE transaction, so a failure books nothing — stores each
 * line once (keyed per line, see `lineKeys`), matches new IDR credits (debits, bank reversals and other currencies
 * never book), books the unambiguous matches through the injected booking flow (`input.book`), and leaves the rest in the review queue.
 * Lines already imported are reported with their stored outcome and not booked again.
 */
export async function reconcileStatement(db: Kysely<Database>, input: ReconcileInput): Promise<ReconcileResult> {
  // PostgreSQL text cannot hold NUL: refuse such a file whole, like any other malformed one (found by the fuzz test).
  const nul = input.text.indexOf('\u0000');
  if (nul >= 0) {
    const line = input.text.slice(0, nul).split('\n').length;
    return { ok: false, error: new StatementParseError(line, null, 'contains a NUL byte (0x00); is this a binary file?') };
  }
  const parsed = parseStatement(input.text, { ...(input.format ? { format: input.format } : {}), ...(input.preset ? { preset: input.preset } : {}) });
  if (!parsed.ok) return { ok: false, error: parsed.error };
  const txs = parsed.statements.flatMap((s) => s.transactions);
  const keys = lineKeys(txs);
  const matchRules = input.matchRules ?? DEFAULT_MATCH_RULES;
  const bookingRules = input.bookingRules ?? DEFAULT_BOOKING_RULES;
  const batchSize = input.batchSize ?? 2000;

  const work = db.transaction().execute(async (trx) => {
    const imp = await trx
      .insertInto('statement_imports')
      .values({
        file_name: input.fileName,
        file_sha256: createHash('sha256').update(input.text).digest('hex'),
        format: parsed.format,
        lines_total: txs.length,
        lines_new: 0,
        actor_label: input.actor.label,
      })
      .returning('id')
      .executeTakeFirstOrThrow();

    // 1. Lines imported before keep their stored outcome and are never booked again.
    const stored = new Map<string, LineOutcome>();
    for (let start = 0; start < txs.length; start += batchSize) {
      for (const [key, o] of await storedOutcomes(trx, keys.slice(start, start + batchSize))) stored.set(key, o);
    }
    // 2. Decide every new line before booking any, in (amount, date) order: lines expecting the same amount share one
    //    candidate lookup, so each account is read about once per statement rather than once per batch. Decisions
    //    therefore see the portfolio as the statement found it (an account a line pays off stays a candidate, and a
    //    rival, for the lines after it), and a dry run decides exactly as the real run.
    const outcomes: (LineOutcome | undefined)[] = new Array<LineOutcome | undefined>(txs.length);
    const order = txs.flatMap((tx, i) => (stored.has(keys[i]!) ? [] : [{ i, amount: tx.amountMinor, date: tx.date }]));
    order.sort((a, b) => (a.amount < b.amount ? -1 : a.amount > b.amount ? 1 : a.date < b.date ? -1 : a.date > b.date ? 1 : a.i - b.i));
    // Pipelined: the next batch's lookups are sent while this batch's lines are judged (the judging yields now and
    // then), so the database and the matcher work at the same time. Queries still run one at a time on the
    // transaction's connection.
    const parts: (typeof order)[] = [];
    for (let start = 0; start < order.length; start += batchSize) parts.push(order.slice(start, start + batchSize));
    const decideAt = (k: number) => decide(trx, parts[k]!.map((p) => txs[p.i]!), matchRules);
    let pending = parts.length > 0 ? decideAt(0) : null;
    for (let k = 0; k < parts.length; k += 1) {
      const next = k + 1 < parts.length ? decideAt(k + 1) : null;
      next?.catch(() => {}); // awaited below; a failure of this batch must not leave it unobserved
      try {
        const decided = await pending!;
        for (const [j, p] of parts[k]!.entries()) outcomes[p.i] = decided[j]!;
      } catch (err) {
        await next?.catch(() => {});
        throw err;
      }
      pending = next;
    }

    // 3. Book and store in statement order (two lines for one account allocate in the order the bank lists them).
    const credits: CreditOutcome[] = [];
    const summary = { matched: 0, suggested: 0, unmatched: 0 };
    let newLines = 0;
    for (let start = 0; start < txs.length; start += batchSize) {
      const fresh: { tx: StatementTransaction; key: string; o: LineOutcome }[] = [];
      for (let i = start; i < Math.min(start + batchSize, txs.length); i += 1) {
        const o = outcomes[i];
        if (o !== undefined) fresh.push({ tx: txs[i]!, key: keys[i]!, o });
      }
      const toBook: { o: LineOutcome; payment: BookPaymentInput }[] = [];
      for (const l of fresh) {
        if (l.o.status === 'matched' && l.o.accountId !== null && l.o.amountIdr !== null && input.dryRun !== true) {
          toBook.push({
            o: l.o,
            payment: {
              accountId: l.o.accountId,
              amountIdr: l.o.amountIdr,
              valueDate: l.tx.date,
              receivedAt: input.receivedAt,
              source: 'statement',
              reference: l.tx.bankReference ?? (l.tx.reference === '' ? null : l.tx.reference),
              idempotencyKey: `statement:${l.key}`,
              actor: input.actor,
            },
          });
        }
      }
      if (input.bookMany !== undefined) {
        const booked = await input.bookMany(trx, toBook.map((b) => b.payment), bookingRules);
        for (const [j, b] of toBook.entries()) b.o.paymentId = booked[j]!.paymentId;
      } else {
        for (const b of toBook) b.o.paymentId = (await input.book(trx, b.payment, bookingRules)).paymentId;
      }
      if (fresh.length > 0) {
        await insertStatementLines(trx, imp.id, input.receivedAt, fresh.map((l) => ({ key: l.key, tx: l.tx, outcome: l.o })));
        newLines += fresh.length;
      }
      for (let i = start; i < Math.min(start + batchSize, txs.length); i += 1) {
        const tx = txs[i]!;
        if (tx.direction !== 'credit') continue;
        const o = outcomes[i] ?? stored.get(keys[i]!)!;
        const status = o.status === 'matched' || o.status === 'confirmed' ? 'matched' : o.status === 'suggested' ? 'suggested' : 'unmatched';
        summary[status] += 1;
        credits.push({ reference: tx.reference, amount: tx.amount, account_no: status === 'unmatched' ? null : o.accountNo, status, rule: o.rule, confidence: status === 'unmatched' ? 0 : o.confidence });
      }
    }

    await trx.updateTable('statement_imports').set({ lines_new: newLines, ...summary }).where('id', '=', imp.id).execute();
    await audit(trx, {
      actor: input.actor,
      action: 'statement.imported',
      entityType: 'statement_import',
      entityId: imp.id,
      details: { file_name: input.fileName, format: parsed.format, lines_total: txs.length, lines_new: newLines, ...summary },
      at: input.receivedAt,
    });
    const result = { ok: true as const, importId: imp.id, credits, summary, newLines, linesTotal: txs.length };
    if (input.dryRun === true) throw new DryRunRollback(result);
    return result;
  });
  return work.catch((err: unknown) => {
    if (err instanceof DryRunRollback) return err.result;
    throw err;
  });
}

/** Outcomes of lines already imported, by key. */
async function storedOutcomes(trx: Kysely<Database>, keys: readonly string[]): Promise<Map<string, LineOutcome>> {
  const rows = await trx
    .selectFrom(keyList(keys, 'text'))
    .innerJoinLateral(
      (eb) =>
        eb
          .selectFrom('statement_lines')
          .select(['line_key', 'status', 'rule', 'confidence', 'account_id', 'payment_id', 'amount_idr'])
          .whereRef('statement_lines.line_key', '=', 'k.k')
          .offset(0)
          .as('l'),
      (j) => j.onTrue(),
    )
    .leftJoin('accounts', 'accounts.id', 'l.account_id')
    .select(['l.line_key', 'l.status', 'l.rule', 'l.confidence', 'l.account_id', 'accounts.account_no', 'l.payment_id', 'l.amount_idr'])
    .execute();
  return new Map(
    rows.map((r) => [
      r.line_key,
      { status: r.status, rule: r.rule, confidence: Number(r.confidence), accountId: r.account_id, accountNo: r.account_no, paymentId: r.payment_id, candidates: [], amountIdr: r.amount_idr },
    ]),
  );
}

/** Why a line can never be a debtor's payment, or null when it can be matched. */
function notBookable(tx: StatementTransaction): string | null {
  if (tx.direction === 'debit') return 'debit';
  if (tx.reversal) return 'bank_reversal';
  if (tx.currency !== 'IDR') return 'unsupported_currency';
  const unit = 10n ** BigInt(tx.minorExponent);
  if (tx.amountMinor % unit !== 0n) return 'fractional_amount';
  if (tx.amountMinor === 0n) return 'zero_amount';
  return null;
}

/** Matches a batch of new lines with bulk lookups: identifiers first, then amount + date for lines they did not settle. */
async function decide(trx: Kysely<Database>, txs: readonly StatementTransaction[], rules: MatchRules): Promise<LineOutcome[]> {
  const outcomes: (LineOutcome | null)[] = txs.map((tx) => {
    const why = notBookable(tx);
    if (why === null) return null;
    return { status: 'ignored', rule: why, confidence: 0, accountId: null, accountNo: null, paymentId: null, candidates: [], amountIdr: null };
  });
  const open = txs.map((tx, i) => ({ tx, i })).filter(({ i }) => outcomes[i] === null);
  if (open.length === 0) return outcomes as LineOutcome[];

  const idsPerLine = open.map(({ tx }) => {
    const ref = normalizeIdentifier(tx.reference);
    const ids = extractIdentifiers(tx.reference, tx.description);
    if (ref !== '') ids.push(ref, ...(ref.startsWith('VA') ? [ref.slice(2)] : []));
    return ids;
  });
  const idRows = await accountsByIdentifier(trx, [...new Set(idsPerLine.flat())]);
  const byVa = new Map<string, (typeof idRows)[number]>();
  const byAccountNo = new Map<string, (typeof idRows)[number]>();
  for (const r of idRows) {
    if (r.va_number !== null) byVa.set(r.va_number, r);
    byAccountNo.set(normalizeIdentifier(r.account_no), r);
  }
  const amountOf = (tx: StatementTransaction) => tx.amountMinor / 10n ** BigInt(tx.minorExponent);
  // Amount + date candidates are needed unless the reference names the account exactly, or the one account the
  // description names expects this very amount now (a mistyped number can only be caught by looking at who expects it).
  const needsAmount = open.map(({ tx }, k) => {
    const ref = normalizeIdentifier(tx.reference);
    if (ref !== '' && (byVa.has(ref) || byAccountNo.has(ref) || (ref.startsWith('VA') && byVa.has(ref.slice(2))))) return false;
    const hits = new Set<(typeof idRows)[number]>();
    for (const id of idsPerLine[k]!) {
      const h = byVa.get(id) ?? byAccountNo.get(id);
      if (h) hits.add(h);
    }
    if (hits.size !== 1) return true;
    const [h] = hits;
    return !(h!.status === 'active' && h!.installment_idr === amountOf(tx) && h!.oldest_unpaid_due_date !== null && isExpectedAmount({ amount: rupiah(amountOf(tx)), valueDate: tx.date, reference: '', description: '' }, toCandidate(h!, []), rules));
  });
  const needAmount = open.filter((_, k) => needsAmount[k]);
  const { accounts: amountRows, promises: amountPromises } = await accountsByExpectedAmount(
    trx,
    needAmount.map(({ tx }) => ({ amount: amountOf(tx), date: tx.date })),
    rules,
  );
  // Every pending promise of the accounts an identifier names (plausibility, expected amount); for accounts found by
  // amount, the promises matching a line's amount near its date came with them — no other promise can change a decision.
  const promises = await pendingPromisesOf(trx, [...new Set(idRows.map((r) => r.id))]);
  for (const [id, list] of amountPromises) if (!promises.has(id)) promises.set(id, list);
  const candidate = new Map<string, AccountCandidate>();
  const cand = (r: (typeof idRows)[number]): AccountCandidate => {
    let c = candidate.get(r.id);
    if (!c) {
      c = toCandidate(r, promises.get(r.id) ?? []);
      candidate.set(r.id, c);
    }
    return c;
  };
  const byAmountValue = new Map<bigint, AccountCandidate[]>();
  for (const r of amountRows) {
    const c = cand(r);
    const amounts = new Set<bigint>([...(c.installment === null ? [] : [c.installment]), ...c.pendingPromises.map((p) => p.amount)]);
    // Each account row comes once (the lookup dedupes by id) and `amounts` is a set: no duplicate to check for.
    for (const a of amounts) {
      const list = byAmountValue.get(a);
      if (list === undefined) byAmountValue.set(a, [c]);
      else list.push(c);
    }
  }

  for (const [k, { tx, i }] of open.entries()) {
    // Let the next batch's lookups go out while this one is judged (see the pipelined loop in reconcileStatement).
    if (k % 250 === 249) await new Promise<void>((resolve) => setImmediate(resolve));
    const ids = idsPerLine[k]!;
    const amount = rupiah(amountOf(tx));
    const lineVa = new Map<string, AccountCandidate>();
    const lineAcc = new Map<string, AccountCandidate>();
    for (const id of ids) {
      const v = byVa.get(id);
      if (v) lineVa.set(id, cand(v));
      const a = byAccountNo.get(id);
      if (a) lineAcc.set(id, cand(a));
    }
    const byAmount = needsAmount[k] ? (byAmountValue.get(amount) ?? []) : [];
    const d = matchLine({ amount, valueDate: tx.date, reference: tx.reference, description: tx.description }, { byVa: lineVa, byAccountNo: lineAcc, byAmount }, rules);
    outcomes[i] = { status: d.status, rule: d.rule, confidence: d.confidence, accountId: d.accountId, accountNo: d.accountNo, paymentId: null, candidates: d.candidates, amountIdr: amount };
  }
  return outcomes as LineOutcome[];
}
