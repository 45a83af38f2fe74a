import { z } from 'zod';
import { ASSIGNMENT_MODES } from '../../../db/schema-cases.ts';

const codes = z.array(z.string().min(1).max(100)).max(100).optional();

/** Conditions are data an admin edits; unknown keys are refused so a typo cannot silently match everything. */
export const conditionsSchema = z
  .strictObject({
    zones: codes,
    provinces: codes,
    buckets: codes,
    products: codes,
    creditors: codes,
    dpdMin: z.number().int().min(0).optional(),
    dpdMax: z.number().int().min(0).optional(),
  })
  .refine((c) => c.dpdMin === undefined || c.dpdMax === undefined || c.dpdMin <= c.dpdMax, { message: 'dpdMin must not exceed dpdMax', path: ['dpdMin'] });

export const newRuleBody = z.object({
  name: z.string().trim().min(1).max(100),
  position: z.number().int().min(0).max(1_000_000),
  conditions: conditionsSchema.default({}),
  team_id: z.string().uuid(),
  queue: z.string().trim().min(1).max(50).default('desk_l1'),
  mode: z.enum(ASSIGNMENT_MODES).default('least_loaded'),
  agent_role: z.enum(['agent', 'field_agent']).default('agent'),
});

export const ruleOut = z.object({
  id: z.string(),
  name: z.string(),
  position: z.number().int(),
  conditions: z.record(z.string(), z.unknown()),
  team_id: z.string(),
  queue: z.string(),
  mode: z.enum(ASSIGNMENT_MODES),
  agent_role: z.enum(['agent', 'field_agent']),
  active: z.boolean(),
});

export const assignBody = z.object({
  user_id: z.string().uuid().nullable().default(null),
  team_id: z.string().uuid().nullable().default(null),
  queue: z.string().trim().min(1).max(50).optional(),
  reason: z.string().trim().min(3).max(500),
});

export const autoAssignOut = z.object({ examined: z.number().int(), assigned: z.number().int(), unmatched: z.number().int(), by_rule: z.record(z.string(), z.number().int()) });
