import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { OrderState } from '../../domain/gateways/order-state.ts';
import { AppError } from '../../lib/app-error.ts';
import type { IncomingNotification, InstrumentRequest, IssuedInstrument, PaymentGateway, VerifyOutcome } from './gateway.ts';
import { postJson } from './http-json.ts';
import { gatewayAmount, jakartaTime, midtransTime } from './notification-values.ts';
import { secureEquals } from './secure-compare.ts';

export interface MidtransConfig {
  readonly serverKey: string;
  /** Core API base, e.g. https://api.sandbox.midtrans.com or https://api.midtrans.com. */
  readonly apiUrl: string;
  /** Snap base, e.g. https://app.sandbox.midtrans.com/snap/v1. */
  readonly snapUrl: string;
}

/** Banks whose VA Midtrans' Core API `bank_transfer` charge issues (Mandiri uses e-channel bill keys, not handled here). */
const MIDTRANS_BANKS = ['bca', 'bni', 'bri', 'cimb', 'permata'] as const;

const notificationShape = z.object({
  order_id: z.string().min(1).max(200),
  status_code: z.string().min(1).max(10),
  gross_amount: z.string().min(1).max(30),
  signature_key: z.string().min(1).max(200),
  transaction_status: z.string().min(1).max(40),
  fraud_status: z.string().optional(),
  transaction_time: z.string().optional(),
  settlement_time: z.string().optional(),
  transaction_id: z.string().optional(),
});

/** `signature_key = SHA512(order_id + status_code + gross_amount + server_key)`, lower-case hex, as Midtrans documents. */
export function midtransSignature(orderId: string, statusCode: string, grossAmount: string, serverKey: string): string {
  return createHash('sha512').update(`${orderId}${statusCode}${grossAmount}${serverKey}`, 'utf8').digest('hex');
}

/**
 * Midtrans `transaction_status` (with `fraud_status` for card captures) → order state.
 * A capture under fraud review (`challenge`) is not money yet; `partial_refund` needs a person, so it books nothing.
 */
export function midtransState(status: string, fraud: string | undefined): OrderState | null {
  switch (status) {
    case 'settlement':
      return 'paid';
    case 'capture':
      return fraud === undefined || fraud === 'accept' ? 'paid' : fraud === 'deny' ? 'failed' : 'pending';
    case 'pending':
    case 'authorize':
      return 'pending';
    case 'deny':
    case 'failure':
      return 'failed';
    case 'cancel':
      return 'cancelled';
    case 'expire':
      return 'expired';
    case 'refund':
      return 'refunded';
    default:
      return null;
  }
}

/** Midtrans: Core API VA charges, Snap payment links, HTTP notifications signed with `signature_key`. */
export function midtransGateway(cfg: MidtransConfig): PaymentGateway {
  const expiry = (req: InstrumentRequest) =>
    req.expiresAt ? { custom_expiry: { order_time: midtransTime(new Date()), expiry_duration: Math.max(1, Math.ceil((req.expiresAt.getTime() - Date.now()) / 60_000)), unit: 'minute' } } : {};
  return {
    name: 'midtrans',
    banks: MIDTRANS_BANKS,
    async createVirtualAccount(req) {
      if (req.amount === null) throw new AppError('TAGIH_VALIDATION', 'Midtrans virtual accounts need an amount (gross_amount)');
      const res = await postJson({
        gateway: 'midtrans',
        url: `${cfg.apiUrl}/v2/charge`,
        basicUser: cfg.serverKey,
        body: {
          payment_type: 'bank_transfer',
          transaction_details: { order_id: req.reference, gross_amount: Number(req.amount) },
          bank_transfer: { bank: req.bank },
          customer_details: { first_name: req.customerName },
          ...expiry(req),
        },
      });
      // Core API answers HTTP 200 with its own status_code; 201 is "transaction created".
      const code = String(res['status_code'] ?? '');
      if (code !== '201' && code !== '200') throw new AppError('TAGIH_UNAVAILABLE', `midtrans refused the charge (${code}): ${String(res['status_message'] ?? '')}`);
      const vaNumbers = z.array(z.object({ bank: z.string(), va_number: z.string() })).safeParse(res['va_numbers']);
      const vaNumber = vaNumbers.success && vaNumbers.data[0] ? vaNumbers.data[0].va_number : typeof res['permata_va_number'] === 'string' ? res['permata_va_number'] : null;
      if (!vaNumber) throw new AppError('TAGIH_UNAVAILABLE', 'midtrans answered without a VA number');
      return {
        externalId: typeof res['transaction_id'] === 'string' ? res['transaction_id'] : null,
        vaNumber,
        bank: req.bank,
        paymentUrl: null,
        expiresAt: jakartaTime(res['expiry_time']) ?? req.expiresAt,
      } satisfies IssuedInstrument;
    },
    async createPaymentLink(req) {
      if (req.amount === null) throw new AppError('TAGIH_VALIDATION', 'Midtrans payment links need an amount (gross_amount)');
      const hours = req.expiresAt ? Math.max(1, Math.ceil((req.expiresAt.getTime() - Date.now()) / 3_600_000)) : null;
      const res = await postJson({
        gateway: 'midtrans',
        url: `${cfg.snapUrl}/transactions`,
        basicUser: cfg.serverKey,
        body: {
          transaction_details: { order_id: req.reference, gross_amount: Number(req.amount) },
          customer_details: { first_name: req.customerName },
          item_details: [{ id: req.accountNo, price: Number(req.amount), quantity: 1, name: req.description.slice(0, 50) }],
          ...(hours ? { expiry: { unit: 'hours', duration: hours } } : {}),
        },
      });
      if (typeof res['redirect_url'] !== 'string') throw new AppError('TAGIH_UNAVAILABLE', 'midtrans snap answered without redirect_url');
      return { externalId: typeof res['token'] === 'string' ? res['token'] : null, vaNumber: null, bank: null, paymentUrl: res['redirect_url'], expiresAt: req.expiresAt };
    },
    verifyNotification(input: IncomingNotification): VerifyOutcome {
      const parsed = notificationShape.safeParse(input.body);
      const orderRef = typeof (input.body as { order_id?: unknown } | null)?.order_id === 'string' ? (input.body as { order_id: string }).order_id : null;
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return { ok: false, verdict: 'malformed', message: `midtrans notification: ${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid'}`, orderRef };
      }
      const n = parsed.data;
      const expected = midtransSignature(n.order_id, n.status_code, n.gross_amount, cfg.serverKey);
      if (!secureEquals(n.signature_key.toLowerCase(), expected)) return { ok: false, verdict: 'bad_signature', message: 'signature_key does not match', orderRef: n.order_id };
      const amount = gatewayAmount(n.gross_amount);
      if (amount === null) return { ok: false, verdict: 'malformed', message: `gross_amount "${n.gross_amount}" is not a whole positive rupiah amount`, orderRef: n.order_id };
      const state = midtransState(n.transaction_status, n.fraud_status);
      return {
        ok: true,
        notification: {
          orderRef: n.order_id,
          instrumentRef: n.order_id,
          state,
          reportedStatus: n.fraud_status ? `${n.transaction_status}/${n.fraud_status}` : n.transaction_status,
          amount,
          paidAt: state === 'paid' ? (jakartaTime(n.settlement_time) ?? jakartaTime(n.transaction_time)) : null,
        },
      };
    },
  };
}
