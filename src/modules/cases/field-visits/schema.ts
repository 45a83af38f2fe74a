import { z } from 'zod';
import { FIELD_VISIT_STATUSES } from '../../../db/schema-cases.ts';
import { isoDate, moneyIn } from '../shared/schema.ts';

/** What a field agent can report at check-out. */
export const FIELD_OUTCOMES = ['met_debtor', 'ptp', 'paid_on_site_receipt', 'not_home', 'address_not_found', 'moved', 'refused', 'third_party_only'] as const;

/** A GPS fix worse than this is not evidence of presence at an address. */
export const MAX_ACCURACY_M = 500;

export const gpsFix = z.object({
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  accuracy_m: z.number().positive().max(MAX_ACCURACY_M, `a GPS fix must be accurate to ${MAX_ACCURACY_M} m or better`),
});

export const newVisitBody = z
  .object({
    account_id: z.string().uuid().optional().describe('a new visit for this account'),
    work_item_id: z.string().uuid().optional().describe('or: an open field_visit work item a strategy created (queue `field`)'),
    field_agent_id: z.string().uuid(),
    scheduled_for: z.string().datetime({ offset: true }),
    notes: z.string().trim().max(2000).nullable().default(null),
  })
  .refine((b) => (b.account_id === undefined) !== (b.work_item_id === undefined), { path: ['account_id'], message: 'give exactly one of account_id and work_item_id' });

export const checkOutBody = gpsFix.extend({
  outcome: z.enum(FIELD_OUTCOMES),
  notes: z.string().trim().max(4000).nullable().default(null),
  ptp: z.object({ amount_idr: moneyIn, promised_date: isoDate }).optional().describe('required when outcome is ptp'),
});

export const visitOut = z.object({
  id: z.string(),
  work_item_id: z.string(),
  account_id: z.string(),
  debtor_id: z.string(),
  field_agent_id: z.string(),
  status: z.enum(FIELD_VISIT_STATUSES),
  scheduled_for: z.string(),
  check_in: z.object({ at: z.string(), lat: z.number(), lng: z.number(), accuracy_m: z.number() }).nullable(),
  check_out: z.object({ at: z.string(), lat: z.number(), lng: z.number(), accuracy_m: z.number() }).nullable(),
  outcome: z.string().nullable(),
  notes: z.string().nullable(),
  interaction_id: z.string().nullable(),
  photos: z.array(z.object({ id: z.string(), content_type: z.string(), size_bytes: z.number().int(), sha256: z.string(), uploaded_at: z.string() })),
});

export const photoParams = z.object({ id: z.string().uuid(), photoId: z.string().uuid() });
