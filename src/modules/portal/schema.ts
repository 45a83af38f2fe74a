import { z } from 'zod';
import { DATA_REQUEST_KINDS, DATA_REQUEST_STATUSES } from '../../db/schema-portal.ts';

/** Whole rupiah as a decimal string, both ways: a float never becomes money. */
export const moneyOut = z.string().regex(/^-?\d+$/).describe('whole rupiah as a decimal string');
export const moneyIn = z.string().regex(/^\d{1,15}$/, 'whole rupiah as a decimal string of digits').transform((s) => BigInt(s));
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');
export const accountParam = z.object({ accountId: z.string().uuid() });

export const otpRequestBody = z.object({
  account_no: z.string().trim().min(3).max(64),
  birth_date: isoDate.describe('the birth date registered with the lender'),
});
export const otpChallengeOut = z.object({ challenge_id: z.string().uuid(), expires_at: z.string(), message: z.string() });
export const otpVerifyBody = z.object({ challenge_id: z.string().uuid(), code: z.string().regex(/^\d{6}$/, 'six digits') });
export const loginOut = z.object({ token: z.string(), token_type: z.literal('Bearer'), expires_at: z.string() });

export const accountOut = z.object({
  id: z.string(),
  account_no: z.string(),
  product: z.string(),
  creditor: z.string(),
  outstanding_idr: moneyOut,
  installment_idr: moneyOut.nullable(),
  oldest_unpaid_due_date: isoDate.nullable(),
  days_past_due: z.number().int(),
  status: z.string(),
});
export const meOut = z.object({ full_name: z.string(), language: z.enum(['id', 'en']), timezone: z.string(), accounts: z.array(accountOut) });

export const scheduleOut = z.object({
  account_id: z.string(),
  installments: z.array(z.object({ seq: z.number().int(), due_date: isoDate, due_idr: moneyOut, paid_idr: moneyOut, remaining_idr: moneyOut, status: z.enum(['paid', 'partial', 'unpaid']) })),
});

export const paymentInstructionsOut = z.object({
  account_id: z.string(),
  account_no: z.string(),
  creditor: z.string(),
  virtual_account: z.string().nullable(),
  amount_due_idr: moneyOut,
  steps: z.array(z.string()),
});

export const portalPromiseBody = z.object({ amount_idr: moneyIn, promised_date: isoDate.describe('your local date') });
export const portalPromiseOut = z.object({ id: z.string(), account_id: z.string(), amount_idr: moneyOut, promised_date: isoDate, status: z.string() });

export const planRequestBody = z.object({
  reason: z.string().trim().min(5).max(2000),
  affordable_amount_idr: moneyIn.describe('what you can pay each month'),
});
export const planRequestOut = z.object({ id: z.string(), reference: z.string(), review_by: isoDate, status: z.literal('pending_review') });

export const portalDisputeBody = z.object({
  kind: z.enum(['dispute', 'complaint']).default('dispute'),
  account_id: z.string().uuid().nullable().default(null),
  description: z.string().trim().min(5).max(4000),
});
export const portalDisputeOut = z.object({ id: z.string(), reference: z.string(), kind: z.enum(['dispute', 'complaint']), status: z.string(), sla_due_at: z.string() });

const consent = z.enum(['granted', 'opted_out']);
const hours = z.object({ start: z.string().regex(/^\d{2}:\d{2}$/), end: z.string().regex(/^\d{2}:\d{2}$/) });
export const preferencesOut = z.object({
  channels: z.object({ sms: consent, whatsapp: consent, voice: consent, email: consent }),
  hours: hours.nullable().describe('preferred contact hours in your own time zone; null = any lawful hour'),
});
export const preferencesBody = z.object({
  channels: z.object({ sms: consent.optional(), whatsapp: consent.optional(), voice: consent.optional(), email: consent.optional() }).default({}),
  hours: hours.nullable().optional(),
});

export const dataRequestOut = z.object({
  id: z.string(),
  reference: z.string(),
  debtor_id: z.string(),
  kind: z.enum(DATA_REQUEST_KINDS),
  status: z.enum(DATA_REQUEST_STATUSES),
  details: z.record(z.string(), z.unknown()).nullable(),
  created_at: z.string(),
  due_at: z.string(),
  closed_at: z.string().nullable(),
  resolution: z.string().nullable(),
});
export const exportOut = z.object({ request: dataRequestOut, generated_at: z.string(), data: z.record(z.string(), z.unknown()) });
export const correctionBody = z.object({
  field: z.enum(['full_name', 'nik', 'birth_date', 'phone', 'email', 'address', 'other']),
  correct_value: z.string().trim().min(1).max(1000),
  note: z.string().trim().max(2000).nullable().default(null),
});
export const withdrawalBody = z.object({ note: z.string().trim().max(2000).nullable().default(null) });

export const staffListQuery = z.object({
  status: z.enum(DATA_REQUEST_STATUSES).optional(),
  kind: z.enum(DATA_REQUEST_KINDS).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const closeBody = z.object({ resolution: z.string().trim().min(3).max(2000) });
