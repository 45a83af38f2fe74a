import { z } from 'zod';
import { DISPUTE_KINDS } from '../../../domain/dispute-rules.ts';

export const newDisputeBody = z.object({
  kind: z.enum(DISPUTE_KINDS),
  debtor_id: z.string().uuid(),
  account_id: z.string().uuid().nullable().default(null),
  category: z.string().trim().min(1).max(100).nullable().default(null),
  description: z.string().trim().min(5).max(4000),
});

export const resolveDisputeBody = z.object({
  status: z.enum(['resolved', 'rejected']),
  resolution: z.string().trim().min(5).max(4000),
});

export const listDisputesQuery = z.object({
  status: z.enum(['open', 'resolved', 'rejected']).optional(),
  kind: z.enum(DISPUTE_KINDS).optional(),
  debtor_id: z.string().uuid().optional(),
  account_id: z.string().uuid().optional(),
  cursor: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const disputeOut = z.object({
  id: z.string(),
  reference: z.string(),
  kind: z.enum(DISPUTE_KINDS),
  debtor_id: z.string(),
  account_id: z.string().nullable(),
  status: z.enum(['open', 'resolved', 'rejected']),
  category: z.string().nullable(),
  description: z.string(),
  opened_via: z.string(),
  opened_by: z.string().nullable(),
  opened_at: z.string(),
  sla_due_at: z.string(),
  sla_breached: z.boolean(),
  resolved_at: z.string().nullable(),
  resolved_by: z.string().nullable(),
  resolution: z.string().nullable(),
});
