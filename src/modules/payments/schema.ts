import { z } from 'zod';

export const reviewQuery = z.object({
  status: z.enum(['suggested', 'unmatched']).default('suggested'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});

export const reviewCandidate = z.object({ account_id: z.string(), account_no: z.string(), rule: z.string(), confidence: z.number() });

export const reviewItem = z.object({
  id: z.string(),
  status: z.enum(['suggested', 'unmatched']),
  value_date: z.string(),
  amount: z.string().describe('as on the statement, e.g. "1250000.00"'),
  currency: z.string(),
  reference: z.string(),
  description: z.string(),
  rule: z.string(),
  confidence: z.number(),
  candidates: z.array(reviewCandidate),
  created_at: z.string(),
});

export const reviewPage = z.object({ items: z.array(reviewItem), next_cursor: z.string().nullable() });

export const lineParam = z.object({ id: z.string().uuid() });

export const confirmBody = z.object({ account_id: z.string().uuid(), note: z.string().max(500).optional() });
export const rejectBody = z.object({ note: z.string().trim().min(1).max(500) });

export const reviewDecision = z.object({
  id: z.string(),
  status: z.enum(['confirmed', 'rejected']),
  account_id: z.string().nullable(),
  payment_id: z.string().nullable(),
});

export const statementQuery = z.object({
  format: z.enum(['mt940', 'csv']).optional(),
  preset: z.string().max(100).optional().describe('CSV column-mapping preset (default: generic)'),
  dry_run: z.enum(['true', 'false']).default('false'),
});

const creditOutcome = z.object({
  reference: z.string(),
  amount: z.string(),
  account_no: z.string().nullable(),
  status: z.enum(['matched', 'suggested', 'unmatched']),
  rule: z.string(),
  confidence: z.number(),
});

export const statementResult = z.object({
  import_id: z.string(),
  dry_run: z.boolean(),
  lines_total: z.number().int(),
  lines_new: z.number().int().describe('lines not imported before; the others were reported, not booked again'),
  credits: z.array(creditOutcome).describe('one per credit line, as `npx tagih reconcile` prints them'),
  summary: z.object({ matched: z.number().int(), suggested: z.number().int(), unmatched: z.number().int() }),
});

export const statementRejected = z.object({
  error: z.object({ code: z.literal('TAGIH_STATEMENT_REJECTED'), message: z.string(), line: z.number().int().nullable(), field: z.string().nullable() }),
});
