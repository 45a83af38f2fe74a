import { z } from 'zod';
import { PTP_STATUSES } from '../../../db/schema-collection.ts';
import { isoDate, moneyIn, moneyOut } from '../shared/schema.ts';

export const newPromiseBody = z.object({
  amount_idr: moneyIn,
  promised_date: isoDate.describe("the debtor's local date"),
});

export const cancelPromiseBody = z.object({ reason: z.string().trim().min(3).max(500) });

export const promiseOut = z.object({
  id: z.string(),
  account_id: z.string(),
  debtor_id: z.string(),
  amount_idr: moneyOut,
  promised_date: isoDate,
  status: z.enum(PTP_STATUSES),
  paid_idr: moneyOut,
  source: z.enum(['agent', 'assistant', 'portal', 'import']),
  created_by: z.string().nullable(),
  interaction_id: z.string().nullable(),
  created_at: z.string(),
  evaluated_at: z.string().nullable(),
  cancelled_at: z.string().nullable(),
  cancel_reason: z.string().nullable(),
});
