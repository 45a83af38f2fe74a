/**
 * Sends a text reply inside a conversation the debtor started (the 24-hour customer-service window, in which free
 * text is allowed at any hour). Bot-initiated messages never come here: they go through the outbox and contact policy.
 */
export interface WhatsAppSender {
  sendText(toE164: string, text: string): Promise<{ readonly ok: boolean; readonly providerMessageId: string | null; readonly error?: string }>;
}

export interface CloudApiOptions {
  readonly accessToken: string;
  readonly phoneNumberId: string;
  /** Default https://graph.facebook.com/v21.0; tests point it at a local fake. */
  readonly baseUrl?: string;
  readonly timeoutMs?: number;
}

/** The WhatsApp Cloud API `POST /{phone-number-id}/messages` with a text body. */
export function cloudApiSender(opts: CloudApiOptions): WhatsAppSender {
  const base = opts.baseUrl ?? 'https://graph.facebook.com/v21.0';
  return {
    async sendText(toE164, text) {
      try {
        const res = await fetch(`${base}/${encodeURIComponent(opts.phoneNumberId)}/messages`, {
          method: 'POST',
          headers: { authorization: `Bearer ${opts.accessToken}`, 'content-type': 'application/json' },
          body: JSON.stringify({ messaging_product: 'whatsapp', recipient_type: 'individual', to: toE164.replace(/^\+/, ''), type: 'text', text: { preview_url: false, body: text } }),
          signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
        });
        if (!res.ok) return { ok: false, providerMessageId: null, error: `HTTP ${res.status}` };
        const body = (await res.json()) as { messages?: { id?: string }[] };
        return { ok: true, providerMessageId: body.messages?.[0]?.id ?? null };
      } catch (err) {
        return { ok: false, providerMessageId: null, error: err instanceof Error ? err.message : String(err) };
      }
    },
  };
}
