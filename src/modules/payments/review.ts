import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../lib/app-error.ts';
import { audit, type Actor } from '../audit/index.ts';
import { decodeCursor, encodeCursor } from '../portfolio/cursor.ts';
import type { BookPaymentStep } from './booking-step.ts';
import type { z } from 'zod';
import type { reviewDecision, reviewPage, reviewQuery } from './schema.ts';

type Cursor = { c: string; id: string };
const isCursor = (v: unknown): v is Cursor => typeof v === 'object' && v !== null && typeof (v as Cursor).c === 'string' && typeof (v as Cursor).id === 'string';

interface StoredCandidate {
  accountId: string;
  accountNo: string;
  rule: string;
  confidence: number;
}

/** The review queue: statement credits the engine would not book alone, oldest first, keyset-paged. */
export async function listReviewQueue(db: Kysely<Database>, q: z.infer<typeof reviewQuery>): Promise<z.infer<typeof reviewPage>> {
  let qb = db
    .selectFrom('statement_lines')
    .select(['id', 'status', 'value_date', 'amount', 'currency', 'reference', 'description', 'rule', 'confidence', 'candidates', 'created_at'])
    .where('status', '=', q.status);
  if (q.cursor !== undefined) {
    const after = decodeCursor(q.cursor, isCursor);
    qb = qb.where((eb) => eb.or([eb('created_at', '>', new Date(after.c)), eb.and([eb('created_at', '=', new Date(after.c)), eb('id', '>', after.id)])]));
  }
  const rows = await qb.orderBy('created_at').orderBy('id').limit(q.limit + 1).execute();
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => ({
      id: r.id,
      status: r.status as 'suggested' | 'unmatched',
      value_date: r.value_date,
      amount: r.amount,
      currency: r.currency,
      reference: r.reference,
      description: r.description,
      rule: r.rule,
      confidence: Number(r.confidence),
      candidates: ((r.candidates ?? []) as StoredCandidate[]).map((c) => ({ account_id: c.accountId, account_no: c.accountNo, rule: c.rule, confidence: c.confidence })),
      created_at: r.created_at.toISOString(),
    })),
    next_cursor: rows.length > q.limit && last ? encodeCursor({ c: last.created_at.toISOString(), id: last.id }) : null,
  };
}

async function lockOpenLine(trx: Kysely<Database>, id: string) {
  const line = await trx.selectFrom('statement_lines').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!line) throw new AppError('TAGIH_NOT_FOUND', `statement line ${id} not found`);
  if (line.status !== 'suggested' && line.status !== 'unmatched') {
    throw new AppError('TAGIH_CONFLICT', `statement line ${id} is ${line.status}; only suggested or unmatched lines can be reviewed`);
  }
  return line;
}

/**
 * A person confirms which account paid: books the line through the same flow (same idempotency key as an automatic
 * booking of that line, so it can never be booked twice) and audits who decided.
 */
export async function confirmLine(
  db: Kysely<Database>,
  id: string,
  body: { account_id: string; note?: string | undefined },
  actor: Actor,
  now: Date,
  book: BookPaymentStep,
): Promise<z.infer<typeof reviewDecision>> {
  return db.transaction().execute(async (trx) => {
    const line = await lockOpenLine(trx, id);
    if (line.direction !== 'credit' || line.currency !== 'IDR' || line.amount_idr === null) {
      throw new AppError('TAGIH_CONFLICT', `statement line ${id} is not an IDR credit in whole rupiah and cannot be booked`);
    }
    const booked = await book(trx, {
      accountId: body.account_id,
      amountIdr: line.amount_idr,
      valueDate: line.value_date,
      receivedAt: now,
      source: 'statement',
      reference: line.reference === '' ? null : line.reference,
      idempotencyKey: `statement:${line.line_key}`,
      actor,
    });
    await trx
      .updateTable('statement_lines')
      .set({ status: 'confirmed', account_id: body.account_id, payment_id: booked.paymentId, reviewed_by: actor.id, reviewed_at: now, review_note: body.note ?? null })
      .where('id', '=', id)
      .execute();
    await audit(trx, {
      actor,
      action: 'statement_line.confirmed',
      entityType: 'statement_line',
      entityId: id,
      reason: body.note ?? null,
      details: { account_id: body.account_id, payment_id: booked.paymentId, engine_rule: line.rule, engine_confidence: Number(line.confidence) },
      at: now,
    });
    return { id, status: 'confirmed' as const, account_id: body.account_id, payment_id: booked.paymentId };
  });
}

/** A person decides the line is not a debtor payment (or not ours): it leaves the queue, nothing is booked. */
export async function rejectLine(db: Kysely<Database>, id: string, note: string, actor: Actor, now: Date): Promise<z.infer<typeof reviewDecision>> {
  return db.transaction().execute(async (trx) => {
    const line = await lockOpenLine(trx, id);
    await trx.updateTable('statement_lines').set({ status: 'rejected', reviewed_by: actor.id, reviewed_at: now, review_note: note }).where('id', '=', id).execute();
    await audit(trx, { actor, action: 'statement_line.rejected', entityType: 'statement_line', entityId: id, reason: note, details: { engine_rule: line.rule }, at: now });
    return { id, status: 'rejected' as const, account_id: null, payment_id: null };
  });
}
