import { hash } from 'node:crypto';
import type { StatementTransaction } from '../../domain/statements/index.ts';

/**
 * A stable key per statement line, so importing the same statement twice (or a statement that overlaps an
 * earlier one, the same MT940 sent again) stores and books each line once. It hashes the statement's identity
 * (account, :20: reference, :28C: number) and the line's content, plus the line's occurrence number among
 * identical lines of that statement — two equal transfers on one day are two payments, and counting occurrences
 * rather than positions keeps the key when a bank re-sends the statement with lines in another order.
 */
export function lineKeys(transactions: readonly StatementTransaction[]): string[] {
  const seen = new Map<string, number>();
  return transactions.map((tx) => {
    const content = JSON.stringify([
      tx.account,
      tx.statementRef,
      tx.statementNo,
      tx.date,
      tx.entryDate,
      tx.amount,
      tx.currency,
      tx.direction,
      tx.reversal,
      tx.reference,
      tx.bankReference,
      tx.transactionType,
      tx.description,
    ]);
    const n = (seen.get(content) ?? 0) + 1;
    seen.set(content, n);
    // One-shot hash (Node ≥ 20.12): same digest as createHash().update().digest() without a Hash object per line.
    return hash('sha256', `${content}#${n}`, 'hex');
  });
}
