import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Rupiah } from '../../domain/money.ts';
import type { Actor } from '../audit/index.ts';

/** A payment a gateway confirmed, to be booked by the payments flow. */
export interface GatewayBooking {
  readonly accountId: string;
  readonly amount: Rupiah;
  readonly paidAt: Date;
  /** e.g. `gateway:midtrans` */
  readonly channel: string;
  /** The gateway's order / payment id. */
  readonly externalRef: string;
  /** Unique per gateway order, so even a bug upstream cannot book the same order twice. */
  readonly idempotencyKey: string;
  readonly actor: Actor;
}

/**
 * The narrow seam to the payments flow: the webhook handler decides *when* money is booked
 * (first transition to paid), the payments flow decides *how* (allocation, balance, DPD, promises, case).
 * Both run in the caller's transaction.
 */
export interface PaymentBooker {
  book(trx: Kysely<Database>, booking: GatewayBooking): Promise<{ readonly paymentId: string }>;
  reverse(trx: Kysely<Database>, reversal: { readonly paymentId: string; readonly reason: string; readonly at: Date; readonly actor: Actor }): Promise<void>;
}
