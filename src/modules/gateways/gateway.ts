import type { OrderState } from '../../domain/gateways/order-state.ts';
import type { Rupiah } from '../../domain/money.ts';
import type { GatewayName } from '../../db/schema-gateways.ts';

/** What Tagih asks a gateway for: a virtual account or a payment link for one account. */
export interface InstrumentRequest {
  /** Our reference, unique per gateway (Midtrans order_id, Xendit external_id). */
  readonly reference: string;
  readonly accountNo: string;
  /** Shown by the bank app as the VA holder (Xendit requires it). */
  readonly customerName: string;
  /** Closed amount; null asks for an open VA where the gateway supports one. */
  readonly amount: Rupiah | null;
  readonly bank: string;
  readonly expiresAt: Date | null;
  readonly description: string;
}

/** What the gateway answered. */
export interface IssuedInstrument {
  readonly externalId: string | null;
  readonly vaNumber: string | null;
  readonly bank: string | null;
  readonly paymentUrl: string | null;
  readonly expiresAt: Date | null;
}

/** A webhook call as received: headers (lower-case names) and the parsed JSON body. */
export interface IncomingNotification {
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: unknown;
}

/** A notification whose signature checked out, translated into Tagih's terms. */
export interface VerifiedNotification {
  /** The payment order this notification is about; the state machine key (unique per gateway). */
  readonly orderRef: string;
  /** Our reference of the instrument the money went to. */
  readonly instrumentRef: string;
  /** Null when the gateway status means nothing for booking (e.g. a partial refund, a VA being activated). */
  readonly state: OrderState | null;
  readonly reportedStatus: string;
  readonly amount: Rupiah;
  readonly paidAt: Date | null;
}

export type VerifyOutcome =
  | { readonly ok: true; readonly notification: VerifiedNotification }
  | { readonly ok: false; readonly verdict: 'bad_signature' | 'malformed'; readonly message: string; readonly orderRef: string | null };

/**
 * One door to every payment gateway. Adapters translate their gateway's documented request and
 * notification shapes; the rest of Tagih never sees a gateway-specific field.
 */
export interface PaymentGateway {
  readonly name: GatewayName;
  /** Banks this gateway can issue a VA at (lower-case codes as Tagih stores them). */
  readonly banks: readonly string[];
  createVirtualAccount(req: InstrumentRequest): Promise<IssuedInstrument>;
  createPaymentLink(req: InstrumentRequest): Promise<IssuedInstrument>;
  /** Checks the signature exactly as the gateway specifies, then parses. Never throws on bad input. */
  verifyNotification(input: IncomingNotification): VerifyOutcome;
}
