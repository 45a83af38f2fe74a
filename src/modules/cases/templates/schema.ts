import { z } from 'zod';
import { CONTACT_CHANNELS } from '../../../db/schema-collection.ts';
import { LANGUAGES } from '../../../domain/templates/index.ts';
import { isoDate, moneyIn } from '../shared/schema.ts';

const code = z.string().trim().regex(/^[a-z0-9][a-z0-9_.-]{0,63}$/, 'lowercase letters, digits, _ . - (max 64)');

export const newTemplateBody = z.object({
  code,
  channel: z.enum(CONTACT_CHANNELS),
  language: z.enum(LANGUAGES),
  subject: z.string().trim().min(1).max(200).nullable().default(null).describe('email only'),
  body: z.string().min(1).max(4000),
});

export const listTemplatesQuery = z.object({
  code: code.optional(),
  channel: z.enum(CONTACT_CHANNELS).optional(),
  language: z.enum(LANGUAGES).optional(),
  status: z.enum(['active', 'retired']).optional(),
});

export const templateOut = z.object({
  id: z.string(),
  code: z.string(),
  channel: z.enum(CONTACT_CHANNELS),
  language: z.enum(LANGUAGES),
  version: z.number().int(),
  subject: z.string().nullable(),
  body: z.string(),
  status: z.enum(['active', 'retired']),
  /** True for the newest active version of its code/channel/language: the one the dispatcher sends. */
  current: z.boolean(),
  created_by: z.string().nullable(),
  created_at: z.string(),
});

export const sampleVariables = z
  .object({
    name: z.string().max(200).optional(),
    amount_idr: moneyIn.optional(),
    due_date: isoDate.optional(),
    payment_link: z.string().max(500).optional(),
    va_number: z.string().max(50).optional(),
    creditor_name: z.string().max(200).optional(),
  })
  .default({});

export const previewBody = z
  .object({
    template_id: z.string().uuid().optional(),
    channel: z.enum(CONTACT_CHANNELS).optional(),
    language: z.enum(LANGUAGES).optional(),
    subject: z.string().max(200).nullable().optional(),
    body: z.string().min(1).max(4000).optional(),
    variables: sampleVariables,
  })
  .refine((b) => b.template_id !== undefined || (b.body !== undefined && b.channel !== undefined && b.language !== undefined), {
    message: 'give template_id, or body with channel and language',
    path: ['template_id'],
  });

const violation = z.object({ rule: z.string(), match: z.string(), message: z.string() });
export const previewOut = z.object({
  ok: z.boolean(),
  subject: z.string().nullable(),
  rendered: z.string().nullable(),
  render_error: z.string().nullable(),
  syntax: z.array(z.object({ message: z.string(), placeholder: z.string().optional() })),
  violations: z.array(violation),
});
