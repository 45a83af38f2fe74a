import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { isRetryableStatus, type SendResult } from './adapter.ts';

/** Timeout of one provider call; far below the claim lease so a live worker never loses its claim mid-send. */
export const PROVIDER_TIMEOUT_MS = 30_000;

/** Keep-alive pools: a dispatcher sends a batch at once, and a new TLS handshake per message would dominate. */
const agents = { http: new HttpAgent({ keepAlive: true, maxSockets: 64 }), https: new HttpsAgent({ keepAlive: true, maxSockets: 64 }) };

/** A JSON POST answered with status and body text; rejects on network errors and timeouts. */
export function postRaw(url: string, headers: Record<string, string>, body: string): Promise<{ status: number; text: string }> {
  const u = new URL(url);
  const secure = u.protocol === 'https:';
  return new Promise((resolve, reject) => {
    const req = (secure ? httpsRequest : httpRequest)(
      u,
      { method: 'POST', agent: secure ? agents.https : agents.http, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers }, timeout: PROVIDER_TIMEOUT_MS },
      (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`timed out after ${PROVIDER_TIMEOUT_MS} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * POSTs JSON and reads the provider's message id with `pickId`. Network errors and timeouts are
 * retryable (the provider may or may not have the message; the idempotency key makes the retry safe).
 */
export async function postJson(provider: string, url: string, headers: Record<string, string>, payload: unknown, pickId: (body: unknown) => string | null): Promise<SendResult> {
  let res: { status: number; text: string };
  try {
    res = await postRaw(url, headers, JSON.stringify(payload));
  } catch (err) {
    return { ok: false, retryable: true, error: `${provider}: ${(err as Error).message}` };
  }
  if (res.status < 200 || res.status >= 300) return { ok: false, retryable: isRetryableStatus(res.status), error: `${provider}: HTTP ${res.status} ${res.text.slice(0, 200)}` };
  let body: unknown;
  try {
    body = JSON.parse(res.text);
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
