import { z } from 'zod';
import { WORK_ITEM_KINDS } from '../../../db/schema-collection.ts';
import { moneyOut } from '../shared/schema.ts';

export const workItemOut = z.object({
  id: z.string(),
  kind: z.enum(WORK_ITEM_KINDS),
  status: z.enum(['open', 'in_progress']),
  account_id: z.string().nullable(),
  account_no: z.string().nullable(),
  debtor_id: z.string(),
  debtor_name: z.string(),
  timezone: z.string(),
  dpd: z.number().int().nullable(),
  bucket: z.string().nullable(),
  outstanding_idr: moneyOut.nullable(),
  queue: z.string(),
  due_at: z.string(),
  assigned_user_id: z.string().nullable(),
  team_id: z.string().nullable(),
  notes: z.string().nullable(),
  priority: z.number().int(),
  priority_reasons: z.array(z.string()),
  ptp_due: z.boolean(),
  contactable_now: z.boolean(),
  block_reasons: z.array(z.string()),
  next_allowed_at: z.string().nullable(),
});

export const queueQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) });
export const teamQueueQuery = queueQuery.extend({ user_id: z.string().uuid().optional().describe('only items assigned to this agent') });

export const claimOut = z.union([
  z.object({ item: workItemOut, resumed: z.boolean() }),
  z.object({ item: z.null(), reason: z.enum(['queue_empty', 'nobody_contactable_now']), next_allowed_at: z.string().nullable() }),
]);

export const newWorkItemBody = z.object({
  account_id: z.string().uuid(),
  kind: z.enum(['call', 'callback', 'legal_review', 'review']),
  due_at: z.string().datetime({ offset: true }).optional().describe('default: now'),
  notes: z.string().trim().max(2000).nullable().default(null),
  idempotency_key: z.string().min(1).max(200).optional(),
});

export const reassignBody = z.object({
  user_id: z.string().uuid().nullable().default(null),
  team_id: z.string().uuid().nullable().default(null),
  reason: z.string().trim().min(3).max(500),
});
