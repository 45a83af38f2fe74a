import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { BookingRules } from '../../domain/booking/plan-booking.ts';
import type { BookedPayment, BookPaymentInput } from './booking.ts';

/**
 * The booking flow as the payments module's callers see it: `bookPayment` plus whatever other modules must do
 * in the same transaction (plan progress). Injected by the composition root (`src/flows/payment-booking.ts`),
 * so reconciliation and the review queue cannot book around the cross-module effects.
 */
export type BookPaymentStep = (trx: Kysely<Database>, input: BookPaymentInput, rules?: BookingRules) => Promise<BookedPayment>;

/**
 * The same flow for many payments at once (a reconciled statement's batch): the same effects as `BookPaymentStep`
 * called for each input in order, written set-based (`bookPaymentsFlow` in `src/flows/`).
 */
export type BookPaymentsStep = (trx: Kysely<Database>, inputs: readonly BookPaymentInput[], rules?: BookingRules) => Promise<BookedPayment[]>;
