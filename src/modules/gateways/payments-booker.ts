import { localDateOf } from '../../domain/dates.ts';
import { bookPayment, reversePayment } from '../payments/index.ts';
import { applyPlanProgress } from '../plans/index.ts';
import type { PaymentBooker } from './booking.ts';

/**
 * The gateway → payments flow: a confirmed gateway payment goes through the one booking flow every source
 * uses (allocation, balance, DPD/Kol, promises, case), in the webhook's transaction. Gateways settle in
 * Jakarta time, so the value date is the payment's date in WIB. A payment that completes a plan completes it,
 * and one that pays a discounted settlement in full closes the account (plans module).
 */
export const paymentsBooker: PaymentBooker = {
  async book(trx, b) {
    const booked = await bookPayment(trx, {
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
    if (!booked.replayed) await applyPlanProgress(trx, b.accountId, b.paidAt, b.actor);
    return { paymentId: booked.paymentId };
  },
  async reverse(trx, r) {
    await reversePayment(trx, r.paymentId, r.reason, r.actor, r.at);
  },
};
