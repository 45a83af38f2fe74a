import { createHash } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { ChannelAdapter } from './adapter.ts';

export interface EmailOptions {
  /** `smtp://user:pass@host:port` or `smtps://…`. */
  readonly smtpUrl: string;
  readonly from: string;
}

/** The Message-ID for an outbox key: the same message always carries the same id (mail clients collapse repeats). */
export function messageIdFor(idempotencyKey: string): string {
  return `<${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 32)}@tagih.outbox>`;
}

/**
 * Email over SMTP with nodemailer. The Message-ID is derived from the idempotency key, but SMTP
 * servers do not dedupe on it, so the adapter does not claim to: a message whose worker died
 * mid-send is flagged for review instead of resent. 4xx SMTP replies are transient, 5xx permanent.
 */
export function emailAdapter(opts: EmailOptions): ChannelAdapter & { close(): void } {
  const transport = nodemailer.createTransport(opts.smtpUrl);
  return {
    name: 'smtp',
    dedupesByKey: false,
    async send(m) {
      if (!m.to) return { ok: false, retryable: false, error: 'smtp: no email address' };
      const messageId = messageIdFor(m.idempotencyKey);
      try {
        await transport.sendMail({ from: opts.from, to: m.to, subject: m.subject ?? '', text: m.body, messageId, headers: { 'X-Tagih-Idempotency-Key': m.idempotencyKey } });
        return { ok: true, provider: 'smtp', providerMessageId: messageId };
      } catch (err) {
        const code = (err as { responseCode?: number }).responseCode;
        return { ok: false, retryable: code === undefined || code < 500, error: `smtp: ${(err as Error).message}` };
      }
    },
    close() {
      transport.close();
    },
  };
}
