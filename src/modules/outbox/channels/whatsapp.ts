import type { ChannelAdapter } from './adapter.ts';
import { field, postJson } from './http-json.ts';

export interface WhatsAppOptions {
  /** e.g. `https://graph.facebook.com/v21.0` (configurable so tests and on-prem BSPs can point elsewhere). */
  readonly baseUrl: string;
  readonly phoneNumberId: string;
  readonly token: string;
}

/**
 * WhatsApp Cloud API: `POST {base}/{phone-number-id}/messages` with a bearer token; the reply's
 * `messages[0].id` (a `wamid…`) is the id the status webhook reports on. The Cloud API has no
 * idempotency key, so this adapter does not dedupe: a message whose worker died mid-send is flagged
 * for review, never resent blindly. The idempotency key still travels as `biz_opaque_callback_data`
 * so the webhook and support can match it.
 */
export function whatsAppAdapter(opts: WhatsAppOptions): ChannelAdapter {
  const url = `${opts.baseUrl.replace(/\/+$/, '')}/${encodeURIComponent(opts.phoneNumberId)}/messages`;
  return {
    name: 'whatsapp',
    dedupesByKey: false,
    send(m) {
      if (!m.to) return Promise.resolve({ ok: false, retryable: false, error: 'whatsapp: no phone number' });
      const payload = {
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to: m.to.replace(/^\+/, ''),
        type: 'text',
        text: { preview_url: false, body: m.body },
        biz_opaque_callback_data: m.idempotencyKey,
      };
      return postJson('whatsapp', url, { authorization: `Bearer ${opts.token}` }, payload, (b) => {
        const id = field(b, 'messages', 0, 'id');
        return typeof id === 'string' ? id : null;
      });
    },
  };
}
