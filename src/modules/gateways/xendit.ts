import { z } from 'zod';
import type { OrderState } from '../../domain/gateways/order-state.ts';
import type { Rupiah } from '../../domain/money.ts';
import { AppError } from '../../lib/app-error.ts';
import type { IncomingNotification, InstrumentRequest, PaymentGateway, VerifyOutcome } from './gateway.ts';
import { postJson } from './http-json.ts';
import { gatewayAmount, isoInstant } from './notification-values.ts';
import { secureEquals, singleHeader } from './secure-compare.ts';

export interface XenditConfig {
  /** Secret API key: the Basic-auth user of every request. */
  readonly secretKey: string;
  /** The verification token Xendit puts in `x-callback-token` on every callback. */
  readonly callbackToken: string;
  /** e.g. https://api.xendit.co */
  readonly apiUrl: string;
}

const XENDIT_BANKS = ['bca', 'bni', 'bri', 'mandiri', 'permata', 'bsi', 'cimb', 'bjb'] as const;

/** Fixed-VA payment callback: one per payment into the VA, keyed by `payment_id`. */
const vaPaymentShape = z.object({
  payment_id: z.string().min(1).max(200),
  callback_virtual_account_id: z.string().min(1),
  external_id: z.string().min(1).max(200),
  amount: z.unknown(),
  transaction_timestamp: z.string().optional(),
});

/** Invoice (payment link) callback, keyed by the invoice `id`. */
const invoiceShape = z.object({
  id: z.string().min(1).max(200),
  external_id: z.string().min(1).max(200),
  status: z.string().min(1).max(40),
  amount: z.unknown(),
  paid_amount: z.unknown().optional(),
  paid_at: z.string().optional(),
});

/** Fixed-VA created/updated callback (the VA became ACTIVE, INACTIVE…): no money moved, acknowledged and recorded. */
const vaStatusShape = z.object({
  id: z.string().min(1).max(200),
  external_id: z.string().min(1).max(200),
  account_number: z.string().min(1),
  status: z.string().min(1).max(40),
});

/** Xendit invoice status → order state. */
export function xenditInvoiceState(status: string): OrderState | null {
  switch (status.toUpperCase()) {
    case 'PAID':
    case 'SETTLED':
      return 'paid';
    case 'PENDING':
      return 'pending';
    case 'EXPIRED':
      return 'expired';
    default:
      return null;
  }
}

/** Xendit: fixed virtual accounts, invoices as payment links, callbacks authenticated by `x-callback-token`. */
export function xenditGateway(cfg: XenditConfig): PaymentGateway {
  return {
    name: 'xendit',
    banks: XENDIT_BANKS,
    async createVirtualAccount(req: InstrumentRequest) {
      const res = await postJson({
        gateway: 'xendit',
        url: `${cfg.apiUrl}/callback_virtual_accounts`,
        basicUser: cfg.secretKey,
        body: {
          external_id: req.reference,
          bank_code: req.bank.toUpperCase(),
          name: req.customerName,
          is_single_use: false,
          ...(req.amount !== null ? { is_closed: true, expected_amount: Number(req.amount) } : { is_closed: false }),
          ...(req.expiresAt ? { expiration_date: req.expiresAt.toISOString() } : {}),
        },
      });
      if (typeof res['account_number'] !== 'string') throw new AppError('TAGIH_UNAVAILABLE', 'xendit answered without account_number');
      return {
        externalId: typeof res['id'] === 'string' ? res['id'] : null,
        vaNumber: res['account_number'],
        bank: req.bank,
        paymentUrl: null,
        expiresAt: isoInstant(res['expiration_date']) ?? req.expiresAt,
      };
    },
    async createPaymentLink(req: InstrumentRequest) {
      if (req.amount === null) throw new AppError('TAGIH_VALIDATION', 'Xendit invoices need an amount');
      const res = await postJson({
        gateway: 'xendit',
        url: `${cfg.apiUrl}/v2/invoices`,
        basicUser: cfg.secretKey,
        body: {
          external_id: req.reference,
          amount: Number(req.amount),
          currency: 'IDR',
          description: req.description,
          ...(req.expiresAt ? { invoice_duration: Math.max(60, Math.ceil((req.expiresAt.getTime() - Date.now()) / 1000)) } : {}),
        },
      });
      if (typeof res['invoice_url'] !== 'string') throw new AppError('TAGIH_UNAVAILABLE', 'xendit answered without invoice_url');
      return {
        externalId: typeof res['id'] === 'string' ? res['id'] : null,
        vaNumber: null,
        bank: null,
        paymentUrl: res['invoice_url'],
        expiresAt: isoInstant(res['expiry_date']) ?? req.expiresAt,
      };
    },
    verifyNotification(input: IncomingNotification): VerifyOutcome {
      const body = (typeof input.body === 'object' && input.body !== null ? input.body : {}) as Record<string, unknown>;
      const guessRef = [body['payment_id'], body['id']].find((v): v is string => typeof v === 'string') ?? null;
      // The token is checked before the body is trusted in any way.
      const token = singleHeader(input.headers, 'x-callback-token');
      if (token === null || !secureEquals(token, cfg.callbackToken)) return { ok: false, verdict: 'bad_signature', message: 'x-callback-token missing or wrong', orderRef: guessRef };

      const va = vaPaymentShape.safeParse(body);
      if (va.success) {
        const amount = gatewayAmount(va.data.amount);
        if (amount === null) return { ok: false, verdict: 'malformed', message: 'amount is not a whole positive rupiah amount', orderRef: va.data.payment_id };
        return {
          ok: true,
          notification: { orderRef: va.data.payment_id, instrumentRef: va.data.external_id, state: 'paid', reportedStatus: 'VA_PAID', amount, paidAt: isoInstant(va.data.transaction_timestamp) },
        };
      }
      const inv = invoiceShape.safeParse(body);
      if (inv.success) {
        const state = xenditInvoiceState(inv.data.status);
        const amount = gatewayAmount(state === 'paid' ? (inv.data.paid_amount ?? inv.data.amount) : inv.data.amount);
        if (amount === null) return { ok: false, verdict: 'malformed', message: 'amount is not a whole positive rupiah amount', orderRef: inv.data.id };
        return {
          ok: true,
          notification: { orderRef: inv.data.id, instrumentRef: inv.data.external_id, state, reportedStatus: inv.data.status, amount, paidAt: state === 'paid' ? isoInstant(inv.data.paid_at) : null },
        };
      }
      const vaStatus = vaStatusShape.safeParse(body);
      if (vaStatus.success) {
        return {
          ok: true,
          notification: { orderRef: `va:${vaStatus.data.id}`, instrumentRef: vaStatus.data.external_id, state: null, reportedStatus: `VA_${vaStatus.data.status}`.slice(0, 40), amount: 0n as Rupiah, paidAt: null },
        };
      }
      return { ok: false, verdict: 'malformed', message: 'neither a virtual-account payment, a virtual-account update nor an invoice callback', orderRef: guessRef };
    },
  };
}
