import { z } from 'zod';
import { CALL_OUTCOMES, followUpOf } from '../../../domain/call-outcomes.ts';
import { DISPUTE_KINDS } from '../../../domain/dispute-rules.ts';
import { disputeOut } from '../disputes/schema.ts';
import { promiseOut } from '../promises/schema.ts';
import { isoDate, moneyIn } from '../shared/schema.ts';

export const outcomeBody = z
  .object({
    debtor_id: z.string().uuid(),
    account_id: z.string().uuid().nullable().default(null),
    work_item_id: z.string().uuid().nullable().default(null).describe('the work item this contact completes'),
    channel: z.enum(['voice', 'whatsapp', 'sms', 'email', 'field', 'chat']),
    direction: z.enum(['inbound', 'outbound']).default('outbound'),
    outcome: z.enum(CALL_OUTCOMES),
    notes: z.string().trim().max(4000).nullable().default(null),
    ptp: z.object({ amount_idr: moneyIn, promised_date: isoDate }).optional().describe('required when outcome is ptp'),
    callback_at: z.string().datetime({ offset: true }).optional().describe('required when outcome is callback_requested'),
    dispute: z.object({ kind: z.enum(DISPUTE_KINDS).default('dispute'), category: z.string().trim().max(100).nullable().default(null), description: z.string().trim().min(5).max(4000) }).optional().describe('required when outcome is dispute'),
  })
  .superRefine((b, ctx) => {
    const need = followUpOf(b.outcome);
    if (need === 'promise' && !b.ptp) ctx.addIssue({ code: 'custom', path: ['ptp'], message: 'a ptp outcome needs ptp.amount_idr and ptp.promised_date' });
    if (need === 'promise' && !b.account_id) ctx.addIssue({ code: 'custom', path: ['account_id'], message: 'a promise is made on an account' });
    if (need === 'callback' && !b.callback_at) ctx.addIssue({ code: 'custom', path: ['callback_at'], message: 'a callback_requested outcome needs callback_at' });
    if (need === 'dispute' && !b.dispute) ctx.addIssue({ code: 'custom', path: ['dispute'], message: 'a dispute outcome needs dispute.description' });
  });
export type OutcomeBody = z.infer<typeof outcomeBody>;

export const outcomeOut = z.object({
  interaction_id: z.string(),
  outcome: z.enum(CALL_OUTCOMES),
  occurred_at: z.string(),
  promise: promiseOut.nullable(),
  callback_work_item_id: z.string().nullable(),
  dispute: disputeOut.nullable(),
  completed_work_item_id: z.string().nullable(),
});
