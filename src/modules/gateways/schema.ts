import { z } from 'zod';
import { GATEWAYS, INSTRUMENT_KINDS, WEBHOOK_VERDICTS } from '../../db/schema-gateways.ts';

const money = z.string().regex(/^\d+$/).describe('whole rupiah as a decimal string');

export const accountParam = z.object({ id: z.string().uuid() });
export const idParam = z.object({ id: z.string().uuid() });

export const newVirtualAccount = z.object({
  gateway: z.enum(GATEWAYS),
  bank: z.string().regex(/^[a-z]{2,10}$/).describe('lower-case bank code, e.g. bca, bni, bri, mandiri, permata'),
  amount_idr: money.optional().describe('closed amount; omit for an open VA (Xendit, sandbox) or the outstanding balance (Midtrans)'),
  expires_at: z.string().datetime({ offset: true }).optional(),
});
export type NewVirtualAccount = z.infer<typeof newVirtualAccount>;

export const newPaymentLink = z.object({
  gateway: z.enum(GATEWAYS),
  amount_idr: money.optional().describe('default: the outstanding balance'),
  expires_at: z.string().datetime({ offset: true }).optional(),
});
export type NewPaymentLink = z.infer<typeof newPaymentLink>;

export const instrument = z.object({
  id: z.string(),
  account_id: z.string(),
  gateway: z.enum(GATEWAYS),
  kind: z.enum(INSTRUMENT_KINDS),
  reference: z.string(),
  external_id: z.string().nullable(),
  bank: z.string().nullable(),
  va_number: z.string().nullable(),
  payment_url: z.string().nullable(),
  amount_idr: money.nullable(),
  status: z.string(),
  expires_at: z.string().nullable(),
  created_at: z.string(),
});
export type InstrumentOut = z.infer<typeof instrument>;

export const webhookAck = z.object({ received: z.literal(true), verdict: z.enum(WEBHOOK_VERDICTS), order_ref: z.string().nullable(), payment_id: z.string().nullable() });

export const simulatePayment = z.object({
  instrument_id: z.string().uuid(),
  amount_idr: money.optional().describe('default: the instrument amount'),
  status: z.enum(['pending', 'paid', 'expired', 'cancelled', 'refunded']).default('paid'),
  order_id: z.string().min(1).max(100).optional().describe('reuse to replay or advance one order; default: a new order'),
});

export const receiptsQuery = z.object({
  gateway: z.string().max(40).optional(),
  order_ref: z.string().max(200).optional(),
  verdict: z.enum(WEBHOOK_VERDICTS).optional(),
  before_id: z.string().regex(/^\d+$/).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const receipt = z.object({
  id: z.string(),
  gateway: z.string(),
  received_at: z.string(),
  verdict: z.enum(WEBHOOK_VERDICTS),
  order_ref: z.string().nullable(),
  reported_status: z.string().nullable(),
  detail: z.string().nullable(),
});
