import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app-deps.ts';
import type { BookPaymentStep, BookPaymentsStep } from './booking-step.ts';
import { paymentRoutes } from './routes.ts';

/**
 * Payments module: booking incoming money (one flow for statements, gateways and manual entries), exact
 * reversal, bank statement reconciliation and its review queue. Other modules use only what is exported here.
 */
export const paymentsModule: FastifyPluginAsyncZod<{ deps: AppDeps; book: BookPaymentStep; bookMany: BookPaymentsStep }> = async (app, opts) => {
  await app.register(paymentRoutes, { deps: opts.deps, book: opts.book, bookMany: opts.bookMany });
};

export { bookPayment, type BookPaymentInput, type BookedPayment } from './booking.ts';
export { bookPaymentsBulk } from './booking-bulk.ts';
export { reversePayment, type ReversedPayment } from './reversal.ts';
export { reconcileStatement, type ReconcileInput, type ReconcileResult, type CreditOutcome } from './reconcile.ts';
export { DEFAULT_BOOKING_RULES, type BookingRules } from '../../domain/booking/plan-booking.ts';
export type { BookPaymentStep, BookPaymentsStep } from './booking-step.ts';
