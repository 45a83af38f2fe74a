import { z } from 'zod';

/** The parts of a WhatsApp Cloud API webhook the assistant reads; everything else is ignored (passthrough). */
const message = z
  .object({
    from: z.string().regex(/^\d{6,20}$/),
    id: z.string().min(1).max(200),
    type: z.string(),
    text: z.object({ body: z.string() }).optional(),
  })
  .passthrough();

export const whatsappWebhook = z
  .object({
    object: z.string(),
    entry: z.array(
      z.object({
        changes: z.array(z.object({ field: z.string().optional(), value: z.object({ messages: z.array(message).optional() }).passthrough() }).passthrough()),
      }).passthrough(),
    ),
  })
  .passthrough();

export interface InboundWhatsApp {
  readonly fromE164: string;
  readonly messageId: string;
  /** Text body; for media and other non-text types a NUL so the assistant answers "send text, please". */
  readonly text: string;
}

/** Flattens a webhook into inbound messages in delivery order. Status callbacks (sent/delivered/read) yield nothing. */
export function inboundMessages(payload: z.infer<typeof whatsappWebhook>): InboundWhatsApp[] {
  return payload.entry.flatMap((e) =>
    e.changes.flatMap((c) =>
      (c.value.messages ?? []).map((m) => ({ fromE164: `+${m.from}`, messageId: m.id, text: m.type === 'text' && m.text ? m.text.body : '\u0000' })),
    ),
  );
}
