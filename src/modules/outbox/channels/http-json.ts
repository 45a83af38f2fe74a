import { isRetryableStatus, type SendResult } from './adapter.ts';

/** Timeout of one provider call; far below the claim lease so a live worker never loses its claim mid-send. */
export const PROVIDER_TIMEOUT_MS = 30_000;

/**
 * POSTs JSON and reads the provider's message id with `pickId`. Network errors and timeouts are
 * retryable (the provider may or may not have the message; the idempotency key makes the retry safe).
 */
export async function postJson(
  provider: string,
  url: string,
  headers: Record<string, string>,
  payload: unknown,
  pickId: (body: unknown) => string | null,
  fetchImpl: typeof fetch = fetch,
): Promise<SendResult> {
  let res: Response;
  try {
    res = await fetchImpl(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(PROVIDER_TIMEOUT_MS),
    });
  } catch (err) {
    return { ok: false, retryable: true, error: `${provider}: ${(err as Error).message}` };
  }
  const text = await res.text().catch(() => '');
  if (!res.ok) return { ok: false, retryable: isRetryableStatus(res.status), error: `${provider}: HTTP ${res.status} ${text.slice(0, 200)}` };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { ok: false, retryable: true, error: `${provider}: response is not JSON` };
  }
  const id = pickId(body);
  if (!id) return { ok: false, retryable: true, error: `${provider}: response has no message id` };
  return { ok: true, provider, providerMessageId: id };
}

export function field(body: unknown, ...path: (string | number)[]): unknown {
  let cur: unknown = body;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[key];
  }
  return cur;
}
