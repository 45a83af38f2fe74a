import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import type { OutboundMessage } from './adapter.ts';
import { emailAdapter, messageIdFor } from './email.ts';
import { httpSmsAdapter } from './http-sms.ts';
import { whatsAppAdapter } from './whatsapp.ts';
import { startLoopbackSms } from '../test-support/loopback-sms.ts';

const message = (over: Partial<OutboundMessage> = {}): OutboundMessage => ({
  outboxId: '00000000-0000-4000-8000-000000000001',
  idempotencyKey: 'plan:2026-11-24:ACC-1:sms:T1',
  channel: 'sms',
  debtorId: '00000000-0000-4000-8000-000000000002',
  accountId: null,
  contactId: null,
  to: '+6281234567890',
  subject: null,
  body: 'Yth. Budi, tagihan Bank Maju Rp1.250.000. Balas BERHENTI untuk berhenti.',
  queueHint: null,
  ...over,
});

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function jsonServer(handler: (req: IncomingMessage, body: string) => { status: number; body: unknown }): Promise<{ url: string; seen: { path: string; headers: IncomingMessage['headers']; body: unknown }[] }> {
  const seen: { path: string; headers: IncomingMessage['headers']; body: unknown }[] = [];
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      seen.push({ path: req.url ?? '', headers: req.headers, body: JSON.parse(raw) });
      const out = handler(req, raw);
      res.writeHead(out.status, { 'content-type': 'application/json' }).end(JSON.stringify(out.body));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanups.push(() => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

describe('email adapter over SMTP (real smtp-server on loopback)', () => {
  async function smtp(onRcpt?: (addr: string) => { code: number; message: string } | null) {
    const received: { to: string[]; raw: string }[] = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onRcptTo(address, _session, cb) {
        const refusal = onRcpt?.(address.address);
        if (refusal) return cb(Object.assign(new Error(refusal.message), { responseCode: refusal.code }));
        cb();
      },
      onData(stream, session, cb) {
        let raw = '';
        stream.on('data', (c: Buffer) => (raw += c.toString()));
        stream.on('end', () => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
          cb();
        });
      },
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.server.address() as AddressInfo).port;
    const adapter = emailAdapter({ smtpUrl: `smtp://127.0.0.1:${port}`, from: 'Bank Maju <tagihan@bankmaju.co.id>' });
    cleanups.push(async () => {
      adapter.close();
      await new Promise<void>((r) => server.close(() => r()));
    });
    return { adapter, received };
  }

  it('delivers with a Message-ID derived from the idempotency key', async () => {
    const { adapter, received } = await smtp();
    const m = message({ channel: 'email', to: 'budi@example.co.id', subject: 'Pengingat tagihan' });
    const result = await adapter.send(m);
    expect(result).toEqual({ ok: true, provider: 'smtp', providerMessageId: messageIdFor(m.idempotencyKey) });
    expect(received).toHaveLength(1);
    expect(received[0]!.to).toEqual(['budi@example.co.id']);
    expect(received[0]!.raw).toContain(`Message-ID: ${messageIdFor(m.idempotencyKey)}`);
    expect(received[0]!.raw).toContain('Subject: Pengingat tagihan');
    expect(received[0]!.raw).toContain(`X-Tagih-Idempotency-Key: ${m.idempotencyKey}`);
    expect(received[0]!.raw).toContain('Balas BERHENTI');
    expect(adapter.dedupesByKey).toBe(false);
  });

  it('treats 4xx replies as transient and 5xx as permanent', async () => {
    const { adapter } = await smtp((addr) => (addr.startsWith('full') ? { code: 452, message: 'mailbox full, try later' } : { code: 550, message: 'no such user' }));
    expect(await adapter.send(message({ channel: 'email', to: 'full@example.co.id' }))).toMatchObject({ ok: false, retryable: true });
    expect(await adapter.send(message({ channel: 'email', to: 'gone@example.co.id' }))).toMatchObject({ ok: false, retryable: false });
  });
});

describe('WhatsApp Cloud API adapter', () => {
  it('POSTs /{phone-number-id}/messages with the bearer token and returns the wamid', async () => {
    const api = await jsonServer(() => ({ status: 200, body: { messaging_product: 'whatsapp', contacts: [{ wa_id: '6281234567890' }], messages: [{ id: 'wamid.ABC' }] } }));
    const adapter = whatsAppAdapter({ baseUrl: `${api.url}/v21.0/`, phoneNumberId: '1234567890', token: 'EAAG-token' });
    expect(await adapter.send(message({ channel: 'whatsapp' }))).toEqual({ ok: true, provider: 'whatsapp', providerMessageId: 'wamid.ABC' });
    expect(api.seen[0]!.path).toBe('/v21.0/1234567890/messages');
    expect(api.seen[0]!.headers['authorization']).toBe('Bearer EAAG-token');
    expect(api.seen[0]!.body).toMatchObject({ messaging_product: 'whatsapp', to: '6281234567890', type: 'text', text: { body: message().body }, biz_opaque_callback_data: message().idempotencyKey });
    expect(adapter.dedupesByKey).toBe(false);
  });

  it('retries on 5xx and 429, not on other 4xx', async () => {
    let status = 503;
    const api = await jsonServer(() => ({ status, body: { error: { message: 'x' } } }));
    const adapter = whatsAppAdapter({ baseUrl: api.url, phoneNumberId: '1', token: 't' });
    expect(await adapter.send(message())).toMatchObject({ ok: false, retryable: true });
    status = 429;
    expect(await adapter.send(message())).toMatchObject({ ok: false, retryable: true });
    status = 400;
    expect(await adapter.send(message())).toMatchObject({ ok: false, retryable: false });
  });
});

describe('HTTP SMS adapter', () => {
  it('sends the idempotency key; a repeated send gets the first message id and one delivery', async () => {
    const gw = await startLoopbackSms();
    cleanups.push(() => gw.close());
    const adapter = httpSmsAdapter({ url: gw.url, token: 'tok', sender: 'BANKMAJU' });
    const first = await adapter.send(message());
    const again = await adapter.send(message());
    expect(first).toMatchObject({ ok: true, provider: 'http-sms' });
    expect(again).toEqual(first);
    expect(gw.requests.get(message().idempotencyKey)).toBe(2);
    expect(gw.deliveries.get(message().idempotencyKey)).toBe(1);
  });

  it('reports an unreachable gateway as retryable', async () => {
    const adapter = httpSmsAdapter({ url: 'http://127.0.0.1:9/sms', token: undefined, sender: 'X' });
    expect(await adapter.send(message())).toMatchObject({ ok: false, retryable: true });
  });
});
