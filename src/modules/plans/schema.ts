import { z } from 'zod';
import { PLAN_KINDS, PLAN_SOURCES, PLAN_STATUSES } from '../../db/schema-gateways.ts';

const money = z.string().regex(/^\d+$/).describe('whole rupiah as a decimal string');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const accountParam = z.object({ id: z.string().uuid() });
export const planParam = z.object({ id: z.string().uuid() });

export const newPlan = z.object({
  kind: z.enum(PLAN_KINDS),
  source: z.enum(PLAN_SOURCES).default('agent').describe('who asked: agent, debtor portal/assistant, or a strategy'),
  discount_idr: money.default('0'),
  instalments: z.number().int().min(1).max(600).default(1).describe('restructure: number of instalments including the first; settlement: 1'),
  first_payment_idr: money.optional().describe('restructure: the first (down) payment; settlement: defaults to the whole discounted total'),
  first_due_date: isoDate,
  note: z.string().max(1000).optional(),
});
export type NewPlan = z.infer<typeof newPlan>;

export const decision = z.object({ reason: z.string().min(1).max(1000) });

export const planOut = z.object({
  id: z.string(),
  account_id: z.string(),
  kind: z.enum(PLAN_KINDS),
  source: z.enum(PLAN_SOURCES),
  status: z.enum(PLAN_STATUSES),
  outstanding_idr: money,
  discount_idr: money,
  total_idr: money,
  first_payment_idr: money,
  instalments: z.number().int(),
  first_due_date: isoDate,
  required_role: z.enum(['agent', 'supervisor', 'admin']),
  note: z.string().nullable(),
  proposed_by: z.string().nullable(),
  proposed_at: z.string(),
  decided_by: z.string().nullable(),
  decided_at: z.string().nullable(),
  decision_reason: z.string().nullable(),
  schedule: z.array(z.object({ seq: z.number().int(), due_date: isoDate, amount_idr: money })),
});
export type PlanOut = z.infer<typeof planOut>;
