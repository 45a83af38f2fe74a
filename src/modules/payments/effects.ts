import { z } from 'zod';

/**
 * What a booking changed, stored on the payment (`payments.effects`) so `reversePayment` undoes exactly
 * that and nothing else. Money is kept as decimal strings (JSON has no bigint).
 */
export const bookingEffects = z.object({
  version: z.literal(1),
  /** The account fields before the booking. */
  before: z.object({
    outstanding: z.string(),
    creditBalance: z.string(),
    oldestUnpaidDueDate: z.string().nullable(),
    dpd: z.number().int(),
    bucket: z.string(),
    kol: z.number().int(),
    delinquencyAsOf: z.string().nullable(),
    status: z.string(),
  }),
  /** How much the outstanding balance went down and the credit balance went up. */
  outstandingReduced: z.string(),
  creditAdded: z.string(),
  promises: z.array(
    z.object({ id: z.string(), applied: z.string(), statusBefore: z.string(), paidBefore: z.string(), evaluatedAtBefore: z.string().nullable() }),
  ),
  closedCaseId: z.string().nullable(),
  /** Delinquency history rows the booking lifted and opened (append-only: a reversal appends the way back). */
  delinquencyTransition: z.object({ liftedId: z.string().nullable(), openedId: z.string() }).nullable(),
});
export type BookingEffects = z.infer<typeof bookingEffects>;
