/**
 * Payments module: booking incoming money (one flow for statements, gateways and manual entries), exact
 * reversal, bank statement reconciliation and its review queue. Other modules use only what is exported here.
 */
export { bookPayment, type BookPaymentInput, type BookedPayment } from './booking.ts';
export { reversePayment, type ReversedPayment } from './reversal.ts';
export { DEFAULT_BOOKING_RULES, type BookingRules } from '../../domain/booking/plan-booking.ts';
