import type { ChannelAdapter } from './adapter.ts';
import { field, postJson } from './http-json.ts';

export interface HttpSmsOptions {
  /** The gateway's send endpoint. */
  readonly url: string;
  readonly token: string | undefined;
  readonly sender: string;
}

/**
 * SMS through a generic HTTP gateway: `POST url` with `{"to","from","text","reference"}`, bearer
 * token, and `Idempotency-Key: <outbox key>`; the gateway answers `{"id": "…"}` (or `message_id`).
 * Gateways used with Tagih must honour the idempotency key (most Indonesian aggregators accept a
 * client reference and reject repeats), which is what makes a resend after a crash harmless.
 */
export function httpSmsAdapter(opts: HttpSmsOptions): ChannelAdapter {
  return {
    name: 'http-sms',
    dedupesByKey: true,
    send(m) {
      if (!m.to) return Promise.resolve({ ok: false, retryable: false, error: 'http-sms: no phone number' });
      const headers: Record<string, string> = { 'idempotency-key': m.idempotencyKey };
      if (opts.token) headers['authorization'] = `Bearer ${opts.token}`;
      return postJson('http-sms', opts.url, headers, { to: m.to, from: opts.sender, text: m.body, reference: m.idempotencyKey }, (b) => {
        const id = field(b, 'id') ?? field(b, 'message_id');
        return typeof id === 'string' || typeof id === 'number' ? String(id) : null;
      });
    },
  };
}
