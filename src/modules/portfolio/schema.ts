import { z } from 'zod';
import { DEFAULT_BUCKET_CODES } from '../../domain/buckets.ts';
import { ACCOUNT_STATUSES } from '../../db/schema.ts';

/** Money leaves the API as a decimal string of whole rupiah, so no client ever parses it into a float. */
export const moneyOut = z.string().regex(/^-?\d+$/).describe('whole rupiah as a decimal string');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const listAccountsQuery = z.object({
  bucket: z.enum(DEFAULT_BUCKET_CODES).optional(),
  kol: z.coerce.number().int().min(1).max(5).optional(),
  dpd_min: z.coerce.number().int().min(0).optional(),
  dpd_max: z.coerce.number().int().min(0).optional(),
  zone: z.string().min(1).optional().describe('IANA zone, e.g. Asia/Makassar'),
  creditor: z.string().min(1).optional().describe('creditor code'),
  status: z.enum(ACCOUNT_STATUSES).optional(),
  assigned_to: z.string().uuid().optional().describe('user id of the assigned agent'),
  q: z.string().min(1).max(100).optional().describe('account number prefix or debtor name'),
  cursor: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListAccountsQuery = z.infer<typeof listAccountsQuery>;

export const accountSummary = z.object({
  id: z.string(),
  account_no: z.string(),
  debtor_id: z.string(),
  debtor_name: z.string(),
  creditor_code: z.string(),
  product: z.string(),
  outstanding_idr: moneyOut,
  oldest_unpaid_due_date: isoDate.nullable(),
  dpd: z.number().int(),
  bucket: z.string(),
  kol: z.number().int(),
  status: z.string(),
  timezone: z.string(),
  va_number: z.string().nullable(),
  assigned_user_id: z.string().nullable(),
  assigned_username: z.string().nullable(),
});
export type AccountSummary = z.infer<typeof accountSummary>;

export const page = <T extends z.ZodTypeAny>(item: T) => z.object({ items: z.array(item), next_cursor: z.string().nullable() });

export const listDebtorsQuery = z.object({
  q: z.string().min(1).max(100).optional().describe('name, debtor ref, or an exact phone number / NIK (looked up by blind index)'),
  cursor: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const debtorSummary = z.object({
  id: z.string(),
  debtor_ref: z.string(),
  full_name: z.string(),
  creditor_code: z.string(),
  timezone: z.string(),
  province_code: z.string().nullable(),
  accounts: z.number().int(),
  total_outstanding_idr: moneyOut,
  max_dpd: z.number().int(),
});

const contact = z.object({
  id: z.string(),
  type: z.enum(['phone', 'email']),
  value: z.string().describe('masked unless the role may read PII'),
  is_primary: z.boolean(),
  is_verified: z.boolean(),
  is_emergency: z.boolean(),
  emergency_name: z.string().nullable(),
  emergency_relation: z.string().nullable(),
  emergency_consent: z.boolean(),
  preferences: z.array(z.object({ channel: z.string(), consent: z.string(), consent_outside_hours: z.boolean() })),
});

const address = z.object({
  id: z.string(),
  kind: z.string(),
  address: z.string(),
  city: z.string().nullable(),
  postal_code: z.string().nullable(),
  province_code: z.string(),
  timezone: z.string(),
});

const scheduleLine = z.object({
  seq: z.number().int(),
  due_date: isoDate,
  due_idr: moneyOut,
  paid_idr: moneyOut,
  principal_due_idr: moneyOut,
  interest_due_idr: moneyOut,
  fee_due_idr: moneyOut,
  penalty_due_idr: moneyOut,
});

const payment = z.object({
  id: z.string(),
  account_id: z.string(),
  amount_idr: moneyOut,
  paid_at: z.string(),
  channel: z.string(),
  external_ref: z.string().nullable(),
  status: z.string(),
});

const interaction = z.object({
  id: z.string(),
  account_id: z.string().nullable(),
  channel: z.string(),
  direction: z.string(),
  outcome: z.string().nullable(),
  agent_id: z.string().nullable(),
  notes: z.string().nullable(),
  occurred_at: z.string(),
});

export const accountDetail = accountSummary.extend({
  principal_idr: moneyOut.nullable(),
  installment_idr: moneyOut.nullable(),
  tenor_months: z.number().int().nullable(),
  credit_balance_idr: moneyOut,
  delinquency_as_of: isoDate.nullable(),
  schedule: z.array(scheduleLine),
  payments: z.array(payment),
  delinquency_history: z.array(z.object({ bucket: z.string(), kol: z.number().int(), added_on: isoDate, lifted_on: isoDate.nullable() })),
});

export const timelineEntry = z.object({
  at: z.string(),
  kind: z.enum(['interaction', 'payment', 'delinquency']),
  account_id: z.string().nullable(),
  summary: z.string(),
  ref_id: z.string(),
});

export const debtor360 = z.object({
  profile: z.object({
    id: z.string(),
    debtor_ref: z.string(),
    full_name: z.string(),
    creditor_code: z.string(),
    creditor_name: z.string(),
    nik: z.string().nullable(),
    birth_date: z.string().nullable(),
    language: z.string(),
    province_code: z.string().nullable(),
    timezone: z.string(),
    pii_masked: z.boolean(),
  }),
  contacts: z.array(contact),
  addresses: z.array(address),
  accounts: z.array(accountDetail),
  interactions: z.array(interaction),
  timeline: z.array(timelineEntry),
});
export type Debtor360 = z.infer<typeof debtor360>;

export const idParam = z.object({ id: z.string().uuid() });

export const newInteraction = z.object({
  account_id: z.string().uuid().nullable().default(null),
  channel: z.enum(['sms', 'whatsapp', 'email', 'voice', 'field', 'chat', 'letter']),
  direction: z.enum(['inbound', 'outbound']),
  outcome: z.enum(['no_answer', 'busy', 'rpc', 'third_party', 'wrong_number', 'ptp', 'refused', 'dispute', 'callback_requested', 'paid', 'message_sent', 'visited', 'not_home', 'other']),
  notes: z.string().max(2000).nullable().default(null),
  occurred_at: z.string().datetime({ offset: true }).optional(),
});
