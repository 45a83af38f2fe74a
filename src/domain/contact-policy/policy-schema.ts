import { z } from 'zod';
import { CHANNELS, WEEKDAYS } from './channels.ts';
import type { ContactPolicy } from './policy.ts';
import { parseClock } from './local-time.ts';

const clock = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'must be HH:mm between 00:00 and 24:00');

const timeWindow = z
  .strictObject({ start: clock, end: clock })
  .refine((w) => parseClock(w.end) > parseClock(w.start), { message: 'window end must be after start', path: ['end'] });

const cap = z.number().int('must be a whole number').min(0, 'must not be negative').nullable();

const channel = z.enum(CHANNELS);

/**
 * The shape a stored or uploaded policy must have. Refuses, with the field path, anything
 * the engine could misread: windows ending before they start, negative or fractional caps,
 * unknown channels or weekdays, unknown keys (a typo such as `totalPerDays` must not be
 * silently ignored and leave a cap unenforced).
 */
export const contactPolicySchema = z.strictObject({
  version: z.number().int().min(1),
  name: z.string().trim().min(1).max(100),
  windows: z.record(channel, timeWindow.nullable()),
  allowedWeekdays: z
    .array(z.enum(WEEKDAYS))
    .refine((d) => new Set(d).size === d.length, 'weekdays must not repeat'),
  holidays: z.strictObject({ blockNationalHolidays: z.boolean(), blockCollectiveLeave: z.boolean() }),
  caps: z.strictObject({
    perChannelPerDay: z.partialRecord(channel, cap),
    totalPerDay: cap,
    perChannelPer7Days: z.partialRecord(channel, cap),
    totalPer7Days: cap,
  }),
  regF: z
    .strictObject({
      channels: z.array(channel).min(1),
      maxAttempts: z.number().int().min(0),
      days: z.number().int().min(1).max(31),
      quietDaysAfterConversation: z.number().int().min(0).max(31),
    })
    .nullable(),
  allowOutsideWindowWithConsent: z.boolean(),
  channelsRequiringConsent: z.array(channel),
  holds: z.strictObject({ dispute: z.boolean(), complaint: z.boolean() }),
}) satisfies z.ZodType<ContactPolicy>;

/** One refusal: the dotted path of the offending field and why. */
export interface PolicyIssue {
  readonly field: string;
  readonly message: string;
}

export type PolicyValidation =
  | { readonly ok: true; readonly policy: ContactPolicy }
  | { readonly ok: false; readonly issues: readonly PolicyIssue[] };

/**
 * Validates policy data before it is saved or used. A value, not an exception, so the
 * admin screen and the CLI can list every problem at once.
 * @example validatePolicy(JSON.parse(text)) // {ok:false, issues:[{field:'windows.sms.end', message:'window end must be after start'}]}
 */
export function validatePolicy(input: unknown): PolicyValidation {
  const parsed = contactPolicySchema.safeParse(input);
  if (parsed.success) return { ok: true, policy: parsed.data };
  return {
    ok: false,
    issues: parsed.error.issues.flatMap((i): PolicyIssue[] => {
      const path = i.path.map(String);
      // Name each unknown key in the path, so "windows.fax: unknown key" points at the typo.
      if (i.code === 'unrecognized_keys') {
        return i.keys.map((k) => ({ field: [...path, k].join('.'), message: 'unknown key' }));
      }
      return [{ field: path.join('.') || '(root)', message: i.message }];
    }),
  };
}
