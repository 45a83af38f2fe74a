import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { localDateOf } from '../domain/dates.ts';
import { SYSTEM_ACTOR, type Actor } from '../modules/audit/index.ts';
import type { PaymentBooker } from '../modules/gateways/booking.ts';
import { bookPayment, bookPaymentsBulk, DEFAULT_BOOKING_RULES, reversePayment, type BookedPayment, type BookingRules, type BookPaymentInput, type ReversedPayment } from '../modules/payments/index.ts';
import { accountsWithApprovedPlan, applyPlanProgress, planApprovedAfter } from '../modules/plans/index.ts';
import { AppError } from '../lib/app-error.ts';
import { keyList } from '../db/key-list.ts';

/**
 * THE booking flow: every source of money (statement reconciliation, review-queue confirmation, gateway webhook,
 * manual entry) books through here. In the caller's transaction: the payments module books the money
 * (allocation, balance, DPD/Kol, promises, case), then the plans module applies plan progress — a plan paid in
 * full is completed, a settlement paid in full closes the account at once (not at the next daily run).
 * A replayed idempotency key changes nothing, so plan progress is not applied twice.
 */
export async function bookPaymentFlow(db: Kysely<Database>, input: BookPaymentInput, rules: BookingRules = DEFAULT_BOOKING_RULES): Promise<BookedPayment> {
  if (!db.isTransaction) return db.transaction().execute((trx) => bookPaymentFlow(trx, input, rules));
  const booked = await bookPayment(db, input, rules);
  if (!booked.replayed) await applyPlanProgress(db, input.accountId, input.receivedAt, input.actor ?? SYSTEM_ACTOR);
  return booked;
}

/**
 * `bookPaymentFlow` for many payments at once, with the same effects as calling it for each input in order: locks
 * every account (id order), sends the payments of accounts with an approved plan through `bookPaymentFlow` one by one
 * (plan progress after each payment can complete a plan or settle the account) and books all others set-based with
 * `bookPaymentsBulk`. Accounts are independent, so the two groups need no common order; within an account the input
 * order is kept.
 */
export async function bookPaymentsFlow(db: Kysely<Database>, inputs: readonly BookPaymentInput[], rules: BookingRules = DEFAULT_BOOKING_RULES): Promise<BookedPayment[]> {
  if (!db.isTransaction) return db.transaction().execute((trx) => bookPaymentsFlow(trx, inputs, rules));
  if (inputs.length === 0) return [];
  const ids = [...new Set(inputs.map((i) => i.accountId))].sort();
  // Same lock order as booking and plan approval: the account first, so no approval slips in between.
  await db
    .selectFrom(keyList(ids, 'uuid'))
    .innerJoinLateral((eb) => eb.selectFrom('accounts').select('accounts.id').whereRef('accounts.id', '=', 'k.k').forUpdate().as('a'), (j) => j.onTrue())
    .select('a.id')
    .execute();
  const planned = await accountsWithApprovedPlan(db, ids);
  const results: BookedPayment[] = new Array<BookedPayment>(inputs.length);
  const bulk: number[] = [];
  for (const [k, input] of inputs.entries()) {
    if (planned.has(input.accountId)) results[k] = await bookPaymentFlow(db, input, rules);
    else bulk.push(k);
  }
  const booked = await bookPaymentsBulk(db, bulk.map((k) => inputs[k]!), rules);
  for (const [j, k] of bulk.entries()) results[k] = booked[j]!;
  return results;
}

/**
 * Reverses a booked payment, refusing (409) when a payment plan was approved for the account after the payment
 * was received: the approval archived and replaced the schedule the payment was allocated to and may have
 * marked the account restructured, so an automatic reversal would restore `active` over `restructured` and
 * leave unpaid amounts on archived rows. Such a payment must be reversed through the plan (supersede or
 * re-propose it), by a person.
 */
export async function reversePaymentFlow(db: Kysely<Database>, paymentId: string, reason: string, actor: Actor, now: Date = new Date()): Promise<ReversedPayment> {
  if (!db.isTransaction) return db.transaction().execute((trx) => reversePaymentFlow(trx, paymentId, reason, actor, now));
  const payment = await db.selectFrom('payments').select(['account_id', 'paid_at']).where('id', '=', paymentId).executeTakeFirst();
  if (payment) {
    // Lock the account first (same lock order as booking and plan approval), so no approval slips in between.
    await db.selectFrom('accounts').select('id').where('id', '=', payment.account_id).forUpdate().executeTakeFirst();
    const plan = await planApprovedAfter(db, payment.account_id, payment.paid_at);
    if (plan) {
      throw new AppError('TAGIH_CONFLICT', `payment ${paymentId} cannot be reversed automatically: plan ${plan.id} was approved after this payment; reverse through the plan`, {
        payment_id: paymentId,
        plan_id: plan.id,
        plan_approved_at: plan.decidedAt.toISOString(),
      });
    }
  }
  return reversePayment(db, paymentId, reason, actor, now);
}

/**
 * The gateway → payments flow: a confirmed gateway payment goes through `bookPaymentFlow` in the webhook's
 * transaction. Gateways settle in Jakarta time, so the value date is the payment's date in WIB.
 */
export const paymentsBooker: PaymentBooker = {
  async book(trx, b) {
    const booked = await bookPaymentFlow(trx, {
      accountId: b.accountId,
      amountIdr: b.amount,
      valueDate: localDateOf(b.paidAt, 'Asia/Jakarta'),
      receivedAt: b.paidAt,
      source: 'gateway',
      reference: b.externalRef,
      idempotencyKey: b.idempotencyKey,
      channel: b.channel,
      actor: b.actor,
    });
    return { paymentId: booked.paymentId };
  },
  async reverse(trx, r) {
    await reversePaymentFlow(trx, r.paymentId, r.reason, r.actor, r.at);
  },
};
