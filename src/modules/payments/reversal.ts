import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { AllocationComponent } from '../../domain/allocation.ts';
import { bucketFor, DEFAULT_BUCKETS } from '../../domain/buckets.ts';
import { delinquencyOf, dpdAsOf } from '../../domain/dpd.ts';
import { kolFor } from '../../domain/kol.ts';
import { rupiah, type Rupiah } from '../../domain/money.ts';
import { evaluatePromise, type PromiseOutcome } from '../../domain/promise-evaluation.ts';
import { AppError } from '../../lib/app-error.ts';
import { audit, type Actor } from '../audit/index.ts';
import { adjustSchedulePaid, loadSchedule, lockAccount, transitionDelinquency, writeAccountState } from './booking-repo.ts';
import { bookingEffects } from './effects.ts';

export interface ReversedPayment {
  readonly paymentId: string;
  readonly accountId: string;
  /** true when the payment was the account's latest booking, so every field went back to its exact earlier value. */
  readonly exact: boolean;
}

/**
 * Undoes a booked payment (a bounced transfer, a payment booked to the wrong account), in the caller's
 * transaction, with a reason and an audit row. Amounts are undone by their recorded deltas (schedule paid
 * columns, outstanding, credit balance, promise paid amounts), so reversing an older payment never disturbs
 * later ones. When the payment is the account's latest booking the derived state (DPD, bucket, Kol, oldest
 * unpaid due date, status, promise statuses) is restored exactly as it was; otherwise it is recomputed from the
 * restored schedule. A case the payment closed is reopened. Delinquency history is append-only: a reversal
 * appends the move back rather than deleting the row the payment opened.
 */
export async function reversePayment(db: Kysely<Database>, paymentId: string, reason: string, actor: Actor, now: Date = new Date()): Promise<ReversedPayment> {
  if (!db.isTransaction) return db.transaction().execute((trx) => reversePayment(trx, paymentId, reason, actor, now));
  if (reason.trim() === '') throw new AppError('TAGIH_VALIDATION', 'a reversal needs a reason');
  const head = await db.selectFrom('payments').select(['account_id']).where('id', '=', paymentId).executeTakeFirst();
  if (!head) throw new AppError('TAGIH_NOT_FOUND', `payment ${paymentId} not found`);
  const account = await lockAccount(db, head.account_id);
  if (!account) throw new AppError('TAGIH_NOT_FOUND', `account ${head.account_id} not found`);
  const payment = await db.selectFrom('payments').selectAll().where('id', '=', paymentId).forUpdate().executeTakeFirstOrThrow();
  if (payment.status !== 'booked') throw new AppError('TAGIH_CONFLICT', `payment ${paymentId} is already ${payment.status}`);
  const parsed = bookingEffects.safeParse(payment.effects);
  if (!parsed.success) throw new AppError('TAGIH_CONFLICT', `payment ${paymentId} was not booked by the booking flow and cannot be reversed automatically`);
  const effects = parsed.data;

  const allocations = await db.selectFrom('payment_allocations').select(['schedule_seq', 'component', 'amount_idr']).where('payment_id', '=', paymentId).execute();
  const creditAdded = BigInt(effects.creditAdded);
  if (account.credit_balance_idr < creditAdded) {
    throw new AppError('TAGIH_CONFLICT', `payment ${paymentId} left a credit of ${creditAdded} that has since been used (balance ${account.credit_balance_idr})`);
  }
  await adjustSchedulePaid(
    db,
    account.id,
    allocations.map((a) => ({ seq: a.schedule_seq, component: a.component as AllocationComponent | 'credit', amount: rupiah(a.amount_idr) })),
    -1,
  );

  const later = await db
    .selectFrom('payments')
    .select('id')
    .where('account_id', '=', account.id)
    .where('status', '=', 'booked')
    .where('id', '!=', paymentId)
    .where((eb) => eb.or([eb('created_at', '>', payment.created_at), eb.and([eb('created_at', '=', payment.created_at), eb('id', '>', paymentId)])]))
    .limit(1)
    .executeTakeFirst();
  const exact = later === undefined;

  const outstanding = rupiah(account.outstanding_idr + BigInt(effects.outstandingReduced));
  let derived: { oldest: string | null; dpd: number; bucket: string; kol: number; asOf: string | null; status: string };
  if (exact) {
    const b = effects.before;
    derived = { oldest: b.oldestUnpaidDueDate, dpd: b.dpd, bucket: b.bucket, kol: b.kol, asOf: b.delinquencyAsOf, status: b.status };
  } else {
    const asOf = account.delinquency_as_of ?? payment.value_date ?? now.toISOString().slice(0, 10);
    const schedule = await loadSchedule(db, account.id);
    const oldest =
      schedule.length > 0
        ? delinquencyOf(
            schedule.map((r) => ({ seq: r.seq, dueDate: r.dueDate, amountDue: sumParts(r.due), amountPaid: sumParts(r.paid) })),
            asOf,
          ).oldestUnpaidDueDate
        : (account.oldest_unpaid_due_date ?? effects.before.oldestUnpaidDueDate);
    const dpd = dpdAsOf(outstanding > 0n ? oldest : null, asOf);
    const status = account.status === 'paid_off' && outstanding > 0n ? effects.before.status : account.status;
    derived = { oldest: outstanding > 0n ? oldest : null, dpd, bucket: bucketFor(dpd, DEFAULT_BUCKETS).code, kol: kolFor(dpd), asOf, status };
  }

  await writeAccountState(db, account.id, {
    outstanding,
    creditBalance: account.credit_balance_idr - creditAdded,
    oldestUnpaidDueDate: derived.oldest,
    dpd: derived.dpd,
    bucket: derived.bucket,
    kol: derived.kol,
    delinquencyAsOf: derived.asOf,
    status: derived.status,
  });

  if (derived.bucket !== account.bucket || derived.kol !== account.kol) {
    await transitionDelinquency(db, account.id, derived, derived.asOf ?? now.toISOString().slice(0, 10));
  }

  for (const p of effects.promises) {
    const row = await db.selectFrom('promises_to_pay').select(['paid_idr', 'amount_idr', 'promised_date']).where('id', '=', p.id).forUpdate().executeTakeFirst();
    if (!row) continue;
    const paid = rupiah(row.paid_idr - BigInt(p.applied));
    const untouched = paid === BigInt(p.paidBefore);
    const status: PromiseOutcome | string =
      exact && untouched ? p.statusBefore : evaluatePromise({ amountIdr: rupiah(row.amount_idr), promisedDate: row.promised_date }, paid, derived.asOf ?? row.promised_date);
    await db
      .updateTable('promises_to_pay')
      .set({ paid_idr: paid, status: status as PromiseOutcome, evaluated_at: exact && untouched ? p.evaluatedAtBefore : now })
      .where('id', '=', p.id)
      .execute();
  }

  if (effects.closedCaseId !== null && derived.status !== 'paid_off') {
    const open = await db.selectFrom('cases').select('id').where('account_id', '=', account.id).where('status', '=', 'open').executeTakeFirst();
    if (!open) await db.updateTable('cases').set({ status: 'open', closed_at: null, close_reason: null }).where('id', '=', effects.closedCaseId).execute();
  }

  await db
    .updateTable('payments')
    .set({ status: 'reversed', reversed_at: now, reversal_reason: reason, reversed_by: actor.label })
    .where('id', '=', paymentId)
    .execute();
  await audit(db, {
    actor,
    action: 'payment.reversed',
    entityType: 'payment',
    entityId: paymentId,
    reason,
    details: { account_id: account.id, amount_idr: payment.amount_idr.toString(), exact },
    at: now,
  });
  return { paymentId, accountId: account.id, exact };
}

function sumParts(p: Readonly<Record<AllocationComponent, Rupiah>>): Rupiah {
  return rupiah(p.fee + p.penalty + p.interest + p.principal);
}
