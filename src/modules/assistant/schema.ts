import { z } from 'zod';
import { CONVERSATION_STATUSES } from '../../db/schema-assistant.ts';

/**
 * Chat text as the widget sends it. Up to 64 KB is accepted so that an oversized message gets the assistant's
 * polite "too long" answer rather than a bare 400; the dialogue itself only ever reads the first 4 KB.
 */
export const chatText = z.string().max(65_536);

export const reply = z.object({ id: z.string(), text: z.string() });

export const turnResponse = z.object({
  conversation_id: z.string(),
  status: z.enum(CONVERSATION_STATUSES),
  replies: z.array(reply),
});

export const startResponse = z.object({
  token: z.string().describe('Send as X-Conversation-Token on every call; keep it private to this browser tab.'),
  conversation_id: z.string(),
  replies: z.array(reply),
});

export const tokenHeader = z.object({ 'x-conversation-token': z.string().min(20).max(200) });

export const transcriptMessage = z.object({
  id: z.string(),
  direction: z.enum(['inbound', 'outbound']),
  sender: z.enum(['debtor', 'bot', 'agent']),
  text: z.string(),
  created_at: z.string(),
});

export const conversationSummary = z.object({
  id: z.string(),
  channel: z.enum(['web', 'whatsapp']),
  status: z.enum(CONVERSATION_STATUSES),
  debtor_id: z.string().nullable(),
  account_id: z.string().nullable(),
  verified: z.boolean(),
  last_intent: z.string().nullable(),
  turns: z.number().int(),
  handoff_work_item_id: z.string().nullable(),
  handed_off_at: z.string().nullable(),
  started_at: z.string(),
  last_message_at: z.string(),
});

export const conversationDetail = conversationSummary.extend({
  messages: z.array(transcriptMessage.extend({ intent: z.string().nullable(), outside_contact_hours: z.boolean(), delivery: z.enum(['stored', 'sent', 'failed']) })),
});

export const metricsResponse = z.object({
  from: z.string(),
  to: z.string(),
  conversations: z.number().int(),
  handed_off: z.number().int(),
  contained: z.number().int(),
  containment_rate: z.number().nullable().describe('contained ÷ conversations: conversations the bot resolved without a person'),
  verified: z.number().int(),
  turns: z.number().int(),
  by_channel: z.array(z.object({ channel: z.enum(['web', 'whatsapp']), conversations: z.number().int(), contained: z.number().int() })),
});
