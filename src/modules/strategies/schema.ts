import { z } from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

export const versionParam = z.object({ version: z.coerce.number().int().min(1) });

export const strategySummary = z.object({
  id: z.string(),
  version: z.number().int(),
  name: z.string(),
  status: z.enum(['draft', 'active', 'retired']),
  created_at: z.string(),
  activated_at: z.string().nullable(),
});
export const strategyDetail = strategySummary.extend({ definition: z.unknown() });

export const createStrategyBody = z.object({ name: z.string().min(1).max(200), definition: z.unknown() });
export const validateBody = z.object({ definition: z.unknown() });

export const issue = z.object({ path: z.string(), rule: z.string(), message: z.string() });
export const validationResult = z.object({ ok: z.boolean(), issues: z.array(issue) });

export const simulateBody = z.object({
  date: isoDate.describe('business date to simulate'),
  sample: z.number().int().min(0).max(500).default(20),
});
export const simulationResult = z.object({
  version: z.number().int(),
  date: z.string(),
  accounts: z.number().int(),
  segments: z.array(z.object({ segment: z.string(), arm: z.string(), accounts: z.number().int() })),
  stopped: z.array(z.object({ reason: z.string(), accounts: z.number().int() })),
  treatments: z.array(z.object({ segment: z.string(), arm: z.string(), step: z.string(), action: z.string(), count: z.number().int() })),
  sample: z.array(
    z.object({ account_no: z.string(), dpd: z.number().int(), bucket: z.string(), segment: z.string(), arm: z.string(), step: z.string(), action: z.string(), idempotency_key: z.string() }),
  ),
});
