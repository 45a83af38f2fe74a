/**
 * A loopback SMS gateway in the generic HTTP shape the http-sms adapter speaks. It honours the
 * Idempotency-Key header like a real gateway (a repeated key returns the first message id and is
 * not delivered again) and counts, per key, both requests and deliveries, so a test can tell
 * "the dispatcher repeated a request" from "a person got two messages".
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LoopbackSms {
  readonly url: string;
  /** requests per idempotency key */
  readonly requests: Map<string, number>;
  /** deliveries per idempotency key (at most 1 unless the gateway is told not to dedupe) */
  readonly deliveries: Map<string, number>;
  close(): Promise<void>;
}

export async function startLoopbackSms(opts: { dedupe?: boolean; delayMs?: number; port?: number } = {}): Promise<LoopbackSms> {
  const requests = new Map<string, number>();
  const deliveries = new Map<string, number>();
  const ids = new Map<string, string>();
  let seq = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const key = String(req.headers['idempotency-key'] ?? '');
      const answer = () => {
        if (!key) {
          res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":"Idempotency-Key required"}');
          return;
        }
        requests.set(key, (requests.get(key) ?? 0) + 1);
        let id = ids.get(key);
        if (!id || opts.dedupe === false) {
          id = `sms-${++seq}`;
          ids.set(key, id);
          deliveries.set(key, (deliveries.get(key) ?? 0) + 1);
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id, status: 'accepted' }));
      };
      if (opts.delayMs) setTimeout(answer, opts.delayMs);
      else answer();
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/sms`,
    requests,
    deliveries,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
