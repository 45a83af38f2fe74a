import { z } from 'zod';

/** Whole rupiah as a decimal string, both ways: a float never becomes money. */
export const moneyOut = z.string().regex(/^-?\d+$/).describe('whole rupiah as a decimal string');
export const moneyIn = z
  .string()
  .regex(/^\d{1,15}$/, 'whole rupiah as a decimal string of digits')
  .transform((s) => BigInt(s))
  .describe('whole rupiah as a decimal string');
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');
export const idParam = z.object({ id: z.string().uuid() });
export const page = <T extends z.ZodTypeAny>(item: T) => z.object({ items: z.array(item), next_cursor: z.string().nullable() });
