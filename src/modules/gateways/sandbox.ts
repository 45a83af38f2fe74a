import { createHash, createHmac } from 'node:crypto';
import { z } from 'zod';
import { ORDER_STATES, type OrderState } from '../../domain/gateways/order-state.ts';
import type { Rupiah } from '../../domain/money.ts';
import type { IncomingNotification, InstrumentRequest, PaymentGateway, VerifyOutcome } from './gateway.ts';
import { gatewayAmount, isoInstant } from './notification-values.ts';
import { secureEquals } from './secure-compare.ts';

/** Bank prefixes of sandbox VA numbers, shaped like the real ones (company code + customer number). */
const SANDBOX_BANK_PREFIX: Readonly<Record<string, string>> = { bca: '3901', bni: '8808', bri: '2626', mandiri: '8900', permata: '8528' };

/**
 * The sandbox VA number of an account at a bank: the same every time (demo data and tests can
 * predict it), 16 digits, derived from the account number.
 *
 * @example sandboxVaNumber('KTA-0001', 'bca') // '3901' + 12 digits
 */
export function sandboxVaNumber(accountNo: string, bank: string): string {
  const prefix = SANDBOX_BANK_PREFIX[bank] ?? '9999';
  const digest = createHash('sha256').update(`${bank}:${accountNo}`).digest();
  return prefix + (digest.readBigUInt64BE(0) % 10n ** 12n).toString().padStart(12, '0');
}

export interface SandboxNotification {
  readonly order_id: string;
  readonly instrument_ref: string;
  readonly status: OrderState;
  readonly amount: string;
  readonly paid_at: string | null;
  readonly signature: string;
}

function signatureOf(key: string, n: Omit<SandboxNotification, 'signature'>): string {
  return createHmac('sha256', key).update(`${n.order_id}|${n.instrument_ref}|${n.status}|${n.amount}|${n.paid_at ?? ''}`).digest('hex');
}

/** Builds a notification as the sandbox "bank" would send it, signed with the shared key. */
export function signSandboxNotification(
  key: string,
  input: { orderId: string; instrumentRef: string; status: OrderState; amount: Rupiah; paidAt: Date | null },
): SandboxNotification {
  const unsigned = { order_id: input.orderId, instrument_ref: input.instrumentRef, status: input.status, amount: input.amount.toString(), paid_at: input.paidAt?.toISOString() ?? null };
  return { ...unsigned, signature: signatureOf(key, unsigned) };
}

const shape = z.object({
  order_id: z.string().min(1).max(200),
  instrument_ref: z.string().min(1).max(200),
  status: z.enum(ORDER_STATES),
  amount: z.string().max(30),
  paid_at: z.string().nullable(),
  signature: z.string().max(200),
});

/**
 * An offline gateway for the demo and for trying Tagih without a merchant account: VA numbers are
 * deterministic, links point at a `.invalid` host, and payments are simulated by posting a notification
 * signed with HMAC-SHA256 under the sandbox key (see `simulateSandboxPayment`).
 */
export function sandboxGateway(key: string): PaymentGateway {
  return {
    name: 'sandbox',
    banks: Object.keys(SANDBOX_BANK_PREFIX),
    async createVirtualAccount(req: InstrumentRequest) {
      return { externalId: null, vaNumber: sandboxVaNumber(req.accountNo, req.bank), bank: req.bank, paymentUrl: null, expiresAt: req.expiresAt };
    },
    async createPaymentLink(req: InstrumentRequest) {
      return { externalId: null, vaNumber: null, bank: null, paymentUrl: `https://pay.sandbox.tagih.invalid/${encodeURIComponent(req.reference)}`, expiresAt: req.expiresAt };
    },
    verifyNotification(input: IncomingNotification): VerifyOutcome {
      const parsed = shape.safeParse(input.body);
      const orderRef = typeof (input.body as { order_id?: unknown } | null)?.order_id === 'string' ? (input.body as { order_id: string }).order_id : null;
      if (!parsed.success) return { ok: false, verdict: 'malformed', message: `sandbox notification: ${parsed.error.issues[0]?.path.join('.') ?? ''} invalid`, orderRef };
      const n = parsed.data;
      if (!secureEquals(n.signature, signatureOf(key, n))) return { ok: false, verdict: 'bad_signature', message: 'signature does not match', orderRef: n.order_id };
      const amount = gatewayAmount(n.amount);
      if (amount === null) return { ok: false, verdict: 'malformed', message: `amount "${n.amount}" is not a whole positive rupiah amount`, orderRef: n.order_id };
      return { ok: true, notification: { orderRef: n.order_id, instrumentRef: n.instrument_ref, state: n.status, reportedStatus: n.status, amount, paidAt: isoInstant(n.paid_at) } };
    },
  };
}
