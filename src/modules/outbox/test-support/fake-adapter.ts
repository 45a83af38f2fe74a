import type { ChannelAdapter, OutboundMessage, SendResult } from '../channels/adapter.ts';

/** An in-memory provider for tests: records every call, answers from a script (default: accept). */
export function fakeAdapter(opts: { dedupesByKey?: boolean; script?: (m: OutboundMessage, call: number) => SendResult } = {}): ChannelAdapter & { calls: OutboundMessage[]; deliveries: Map<string, number> } {
  const calls: OutboundMessage[] = [];
  const deliveries = new Map<string, number>();
  return {
    name: 'fake',
    dedupesByKey: opts.dedupesByKey ?? true,
    calls,
    deliveries,
    async send(m) {
      calls.push(m);
      const result = opts.script?.(m, calls.filter((c) => c.idempotencyKey === m.idempotencyKey).length) ?? { ok: true, provider: 'fake', providerMessageId: `fake-${m.idempotencyKey}` };
      if (result.ok) deliveries.set(m.idempotencyKey, (deliveries.get(m.idempotencyKey) ?? 0) + 1);
      return result;
    },
  };
}
