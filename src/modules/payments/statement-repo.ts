import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { StatementTransaction } from '../../domain/statements/index.ts';
import type { LineOutcome } from './reconcile.ts';

/**
 * Stores a batch of statement lines with one statement (arrays through `unnest`, so a batch of any size uses a
 * fixed number of bind parameters). A key already stored is skipped: the unique `line_key` is the idempotency guard.
 */
export async function insertStatementLines(
  trx: Kysely<Database>,
  importId: string,
  at: Date,
  lines: readonly { key: string; tx: StatementTransaction; outcome: LineOutcome }[],
): Promise<void> {
  if (lines.length === 0) return;
  const col = <T>(f: (l: (typeof lines)[number]) => T) => lines.map(f);
  await sql`
    insert into statement_lines (line_key, import_id, line_no, statement_account, statement_ref, value_date, entry_date, amount, amount_idr,
                                 currency, direction, reference, description, status, rule, confidence, account_id, payment_id, candidates, created_at)
    select k, ${importId}::uuid, ln, sa, sr, vd, ed, am, ai, cu, di, re, de, st, ru, co, ac, pa, ca, ${at}::timestamptz
      from unnest(${col((l) => l.key)}::text[], ${col((l) => l.tx.lineNo)}::int[], ${col((l) => l.tx.account)}::text[],
                  ${col((l) => l.tx.statementRef)}::text[], ${col((l) => l.tx.date)}::date[], ${col((l) => l.tx.entryDate)}::date[],
                  ${col((l) => l.tx.amount)}::text[], ${col((l) => (l.outcome.amountIdr === null ? null : l.outcome.amountIdr.toString()))}::bigint[],
                  ${col((l) => l.tx.currency)}::text[], ${col((l) => l.tx.direction)}::text[], ${col((l) => l.tx.reference)}::text[],
                  ${col((l) => l.tx.description)}::text[], ${col((l) => l.outcome.status)}::text[], ${col((l) => l.outcome.rule)}::text[],
                  ${col((l) => l.outcome.confidence)}::numeric[], ${col((l) => l.outcome.accountId)}::uuid[], ${col((l) => l.outcome.paymentId)}::uuid[],
                  ${col((l) => JSON.stringify(l.outcome.candidates))}::jsonb[])
           as t(k, ln, sa, sr, vd, ed, am, ai, cu, di, re, de, st, ru, co, ac, pa, ca)
    on conflict (line_key) do nothing`.execute(trx);
}
