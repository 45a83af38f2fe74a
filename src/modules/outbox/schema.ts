import { z } from 'zod';
import { CONTACT_CHANNELS, OUTBOX_REVIEW_RESOLUTIONS, OUTBOX_STATUSES } from '../../db/schema-collection.ts';
import { HOLIDAY_OVERRIDE_KINDS } from '../../domain/contact-policy/index.ts';

const iso = z.iso.datetime();
const isoOrNull = iso.nullable();

export const listOutboxQuery = z.object({
  status: z.enum(OUTBOX_STATUSES).optional(),
  channel: z.enum(CONTACT_CHANNELS).optional(),
  debtor: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
  /** `needed`: failed sends whose outcome is unknown and wait for a person (POST /outbox/:id/review). */
  review: z.enum(['needed']).optional(),
});
export type ListOutboxQuery = z.infer<typeof listOutboxQuery>;

export const outboxItem = z.object({
  id: z.string(),
  idempotency_key: z.string(),
  debtor_id: z.string(),
  account_id: z.string().nullable(),
  contact_id: z.string().nullable(),
  channel: z.enum(CONTACT_CHANNELS),
  purpose: z.string(),
  template_code: z.string().nullable(),
  language: z.string(),
  status: z.enum(OUTBOX_STATUSES),
  not_before: iso,
  attempts: z.number().int(),
  max_attempts: z.number().int(),
  last_error: z.string().nullable(),
  block_reasons: z.array(z.string()),
  provider: z.string().nullable(),
  provider_message_id: z.string().nullable(),
  subject: z.string().nullable(),
  body: z.string(),
  treatment_code: z.string().nullable(),
  strategy_version: z.number().int().nullable(),
  business_date: z.string().nullable(),
  created_at: iso,
  sent_at: isoOrNull,
  delivered_at: isoOrNull,
  review_state: z.enum(['needed', ...OUTBOX_REVIEW_RESOLUTIONS]).nullable(),
  reviewed_at: isoOrNull,
  review_note: z.string().nullable(),
});

export const outboxIdParam = z.object({ id: z.uuid() });

/** A person's verdict on a send whose outcome is unknown, after checking the provider's console. */
export const reviewBody = z
  .object({
    resolution: z.enum(OUTBOX_REVIEW_RESOLUTIONS).describe('confirmed_sent: the provider has it (counts as sent); resent: send again through the policy check; dropped: cancel'),
    note: z.string().trim().min(3).max(1000).describe('What was checked, e.g. the provider console entry'),
    sent_at: iso.optional().describe('confirmed_sent only: when the provider accepted it (default: when the send was flagged)'),
  })
  .refine((b) => b.sent_at === undefined || b.resolution === 'confirmed_sent', { path: ['sent_at'], message: 'only with resolution confirmed_sent' });
export type ReviewBody = z.infer<typeof reviewBody>;

export const listDecisionsQuery = z.object({
  debtor: z.uuid().optional(),
  outbox_id: z.uuid().optional(),
  stage: z.enum(['plan', 'dispatch', 'manual', 'simulation']).optional(),
  allowed: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
export type ListDecisionsQuery = z.infer<typeof listDecisionsQuery>;

export const decisionItem = z.object({
  id: z.string(),
  decided_at: iso,
  debtor_id: z.string(),
  account_id: z.string().nullable(),
  contact_id: z.string().nullable(),
  channel: z.enum(CONTACT_CHANNELS),
  purpose: z.string(),
  allowed: z.boolean(),
  reasons: z.array(z.string()),
  next_allowed_at: isoOrNull,
  policy_version: z.number().int(),
  stage: z.string(),
  outbox_id: z.string().nullable(),
});

export function page<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), next_cursor: z.string().nullable() });
}

export const policyVersion = z.object({
  version: z.number().int(),
  name: z.string(),
  status: z.enum(['draft', 'active', 'retired']),
  definition: z.unknown(),
  created_by: z.string().nullable(),
  created_at: iso,
  activated_at: isoOrNull,
});

export const newPolicyBody = z.object({
  name: z.string().trim().min(1).max(100),
  /** The policy data; `version` and `name` inside it are set by the server. */
  definition: z.record(z.string(), z.unknown()),
});

export const versionParam = z.object({ version: z.coerce.number().int().min(1) });

export const holidayOverride = z.object({
  date: z.iso.date(),
  kind: z.enum(HOLIDAY_OVERRIDE_KINDS),
  name: z.string(),
  created_by: z.string().nullable(),
  created_at: iso,
});
export const holidayDateParam = z.object({ date: z.iso.date() });
export const holidayBody = z.object({ kind: z.enum(HOLIDAY_OVERRIDE_KINDS), name: z.string().trim().min(1).max(200) });
