import { AppError } from '../../lib/app-error.ts';

export interface JsonRequest {
  readonly url: string;
  /** Basic-auth user (Midtrans server key, Xendit secret key); the password is empty, as both gateways specify. */
  readonly basicUser: string;
  readonly body: unknown;
  readonly gateway: string;
  readonly timeoutMs?: number;
}

/**
 * POSTs JSON to a gateway and returns the parsed answer. A network failure, a timeout or a non-2xx
 * answer becomes `TAGIH_UNAVAILABLE` naming the gateway and its status message, never a hang.
 */
export async function postJson(req: JsonRequest): Promise<Record<string, unknown>> {
  let res: Response;
  try {
    res = await fetch(req.url, {
      method: 'POST',
      headers: {
        accept: 'application/json',
        'content-type': 'application/json',
        authorization: `Basic ${Buffer.from(`${req.basicUser}:`).toString('base64')}`,
      },
      body: JSON.stringify(req.body),
      signal: AbortSignal.timeout(req.timeoutMs ?? 15_000),
    });
  } catch (err) {
    throw new AppError('TAGIH_UNAVAILABLE', `${req.gateway} unreachable: ${(err as Error).message}`);
  }
  const text = await res.text();
  let parsed: unknown = null;
  try {
    parsed = text === '' ? {} : JSON.parse(text);
  } catch {
    throw new AppError('TAGIH_UNAVAILABLE', `${req.gateway} answered ${res.status} with a body that is not JSON`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new AppError('TAGIH_UNAVAILABLE', `${req.gateway} answered ${res.status} with an unexpected body`);
  }
  const body = parsed as Record<string, unknown>;
  if (!res.ok) {
    const message = String(body['status_message'] ?? body['message'] ?? body['error_code'] ?? 'no message');
    throw new AppError('TAGIH_UNAVAILABLE', `${req.gateway} refused the request (${res.status}): ${message}`, { status: res.status });
  }
  return body;
}
