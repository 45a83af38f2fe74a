import type { ContactChannel } from '../../../db/schema-collection.ts';

/** One message ready to leave: rendered, policy-checked, addressed. */
export interface OutboundMessage {
  readonly outboxId: string;
  /**
   * The outbox idempotency key. Every adapter passes it to its provider as the provider's own
   * idempotency key (HTTP `Idempotency-Key`, a deterministic Message-ID, a unique work-item key),
   * so sending the same message twice after a crash reaches the person once.
   */
  readonly idempotencyKey: string;
  readonly channel: ContactChannel;
  readonly debtorId: string;
  readonly accountId: string | null;
  readonly contactId: string | null;
  /** Decrypted phone (E.164) or email address; null for field visits (the debtor's address is on the record). */
  readonly to: string | null;
  readonly subject: string | null;
  readonly body: string;
  readonly queueHint: string | null;
}

/** What a provider said. A failure is a value: the dispatcher decides between retry and dead letter. */
export type SendResult =
  | { readonly ok: true; readonly provider: string; readonly providerMessageId: string }
  | { readonly ok: false; readonly retryable: boolean; readonly error: string };

/**
 * A way out of Tagih: SMTP, WhatsApp Cloud API, an SMS gateway, the agent call queue, the sandbox.
 * `dedupesByKey` says whether repeating a send with the same idempotency key is harmless. Only then
 * may the dispatcher resend a message whose worker died mid-send; otherwise such a message is
 * flagged for review instead (a missed reminder is recoverable, a double send is not).
 */
export interface ChannelAdapter {
  readonly name: string;
  readonly dedupesByKey: boolean;
  send(message: OutboundMessage): Promise<SendResult>;
}

/** The adapter for each channel. */
export type AdapterRegistry = Readonly<Record<ContactChannel, ChannelAdapter>>;

/** HTTP status → retry or not: 408, 429 and 5xx are transient, other 4xx are the request's fault. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}
