import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/support/databases.ts';
import { testApp } from '../../../test/support/app.ts';
import { loginAs, type LoggedIn } from '../../../test/support/users.ts';
import type { AppDeps } from '../../app-deps.ts';
import type { Db } from '../../db/connection.ts';
import { cloudApiSender } from './channels/whatsapp-sender.ts';
import { signWhatsAppBody } from './channels/whatsapp-signature.ts';
import { BUDI, seedFixturePortfolio } from './dialogue/test-support.ts';

const SECRET = 'app-secret-for-tests';
const VERIFY = 'verify-me';

function waPayload(from: string, id: string, text: string | null): string {
  const message = text === null ? { from, id, timestamp: '1', type: 'image', image: { id: 'media-1' } } : { from, id, timestamp: '1', type: 'text', text: { body: text } };
  return JSON.stringify({ object: 'whatsapp_business_account', entry: [{ id: 'waba', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { phone_number_id: '1' }, messages: [message] } }] }] });
}

describe.each(testDatabases)('assistant API on $name', (target) => {
  let db: Db;
  let app: FastifyInstance;
  let deps: AppDeps;
  let supervisor: LoggedIn;
  let agent: LoggedIn;
  let graph: FakeGraph;

  beforeAll(async () => {
    db = await target.open();
    graph = await fakeGraph();
    // The event stream's fallback poll is set beyond any test's life: new messages must arrive through LISTEN/NOTIFY.
    const env = { WHATSAPP_APP_SECRET: SECRET, WHATSAPP_VERIFY_TOKEN: VERIFY, WHATSAPP_TOKEN: 'tok', WHATSAPP_PHONE_NUMBER_ID: '123', WHATSAPP_API_URL: graph.url, TAGIH_CHAT_EVENTS_POLL_MS: '600000' };
    ({ app, deps } = await testApp(db, { env, now: () => new Date('2026-11-23T14:30:00Z') })); // 21:30 in Jakarta: outside contact hours
    await seedFixturePortfolio(deps);
    supervisor = await loginAs(app, deps, 'supervisor');
    agent = await loginAs(app, deps, 'agent');
  });
  afterAll(async () => {
    await app.close();
    await db.close();
    graph.server.close();
  });

  const say = (token: string, text: string) => app.inject({ method: 'POST', url: '/api/v1/assistant/web/messages', headers: { 'x-conversation-token': token }, payload: { text } });

  it('runs a web chat: token, verification, balance, polling', async () => {
    const start = await app.inject({ method: 'POST', url: '/api/v1/assistant/web/conversations' });
    expect(start.statusCode).toBe(201);
    const { token, replies } = start.json();
    expect(replies[0].text).toMatch(/asisten virtual/);
    expect((await app.inject({ method: 'POST', url: '/api/v1/assistant/web/messages', payload: { text: 'halo' } })).statusCode).toBe(400);
    const bad = await say('x'.repeat(43), 'halo');
    expect([bad.statusCode, bad.json().error.code]).toEqual([401, 'TAGIH_UNAUTHENTICATED']);
    expect((await say(token, 'sisa tagihan saya berapa')).json().replies[0].text).toMatch(/nomor kontrak/);
    await say(token, BUDI.accountNo);
    const balance = (await say(token, BUDI.identity)).json();
    expect(balance.replies.map((r: { text: string }) => r.text).join(' ')).toContain('Rp1.250.000');
    const huge = await say(token, 'a'.repeat(5000));
    expect([huge.statusCode, huge.json().replies[0].text]).toEqual([200, expect.stringMatching(/terlalu panjang/)]);
    expect((await say(token, 'a'.repeat(70_000))).statusCode).toBe(400);
    const poll = (await app.inject({ url: '/api/v1/assistant/web/messages?after=0', headers: { 'x-conversation-token': token } })).json();
    expect(poll.items.length).toBeGreaterThanOrEqual(8);
    expect(poll.items.map((m: { text: string }) => m.text).join('\n')).not.toContain('15-05-1990');
  });

  it('checks the WhatsApp handshake and signature', async () => {
    const ok = await app.inject({ url: `/api/v1/webhooks/whatsapp/assistant?hub.mode=subscribe&hub.verify_token=${VERIFY}&hub.challenge=12345` });
    expect([ok.statusCode, ok.body]).toEqual([200, '12345']);
    expect((await app.inject({ url: '/api/v1/webhooks/whatsapp/assistant?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1' })).statusCode).toBe(403);
    const body = waPayload('6281234567890', 'wamid.in.1', 'halo');
    const post = (sig: string | undefined, payload = body) =>
      app.inject({ method: 'POST', url: '/api/v1/webhooks/whatsapp/assistant', headers: { 'content-type': 'application/json', ...(sig ? { 'x-hub-signature-256': sig } : {}) }, payload });
    expect((await post(undefined)).statusCode).toBe(401);
    expect((await post(signWhatsAppBody(body, 'wrong-secret'))).json().error.code).toBe('TAGIH_BAD_SIGNATURE');
    expect((await post(signWhatsAppBody(body, SECRET), body.replace('halo', 'hal0'))).statusCode).toBe(401);
    const good = await post(signWhatsAppBody(body, SECRET));
    expect(good.json()).toEqual({ received: 1, replied: 1 });
    expect(graph.sent.at(-1)).toMatchObject({ to: '6281234567890', text: { body: expect.stringMatching(/asisten virtual/) } });
    const again = await post(signWhatsAppBody(body, SECRET));
    expect(again.json()).toEqual({ received: 1, replied: 0 }); // redelivery: answered once
    const conv = await db.kysely.selectFrom('assistant_messages').select(['outside_contact_hours', 'delivery']).where('direction', '=', 'outbound').where('sender', '=', 'bot').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(conv).toEqual({ outside_contact_hours: true, delivery: 'sent' });
    const media = waPayload('6281234567890', 'wamid.in.2', null);
    expect((await post(signWhatsAppBody(media, SECRET), media)).json()).toEqual({ received: 1, replied: 1 });
    expect(graph.sent.at(-1)?.text.body).toMatch(/tidak dapat membaca pesan/);
  });

  it('hands a WhatsApp conversation to an agent who reads, replies within the rules and resolves it', async () => {
    const own = app;
    {
      const body = waPayload('6281234567890', 'wamid.in.3', 'tolong sambungkan ke petugas');
      const res = await own.inject({ method: 'POST', url: '/api/v1/webhooks/whatsapp/assistant', headers: { 'content-type': 'application/json', 'x-hub-signature-256': signWhatsAppBody(body, SECRET) }, payload: body });
      expect(res.json()).toEqual({ received: 1, replied: 1 });
      expect(graph.sent.at(-1)?.text.body).toMatch(/petugas/);
      const agentOwn = agent;
      // Handed over but not yet anyone's: a supervisor sees it, an agent does not even learn it exists.
      const all = (await own.inject({ url: '/api/v1/assistant/conversations?status=open', headers: supervisor.headers })).json().items;
      expect(all).toHaveLength(1);
      const convId: string = all[0].id;
      expect((await own.inject({ url: '/api/v1/assistant/conversations', headers: agentOwn.headers })).json().items).toEqual([]);
      expect((await own.inject({ url: `/api/v1/assistant/conversations/${convId}`, headers: agentOwn.headers })).statusCode).toBe(404);
      expect((await own.inject({ method: 'POST', url: `/api/v1/assistant/conversations/${convId}/messages`, headers: agentOwn.headers, payload: { text: 'Halo' } })).statusCode).toBe(404);
      // The handoff work item assigned to agent A: A sees it, agent B still gets 404 (not 403).
      await db.kysely.updateTable('work_items').set({ assigned_user_id: agentOwn.user.id }).where('kind', '=', 'handoff').execute();
      const other = await loginAs(own, deps, 'agent');
      expect((await own.inject({ url: '/api/v1/assistant/conversations', headers: other.headers })).json().items).toEqual([]);
      const hidden = await own.inject({ url: `/api/v1/assistant/conversations/${convId}`, headers: other.headers });
      expect([hidden.statusCode, hidden.json().error.code]).toEqual([404, 'TAGIH_NOT_FOUND']);
      expect((await own.inject({ method: 'POST', url: `/api/v1/assistant/conversations/${convId}/resolve`, headers: other.headers })).statusCode).toBe(404);
      // Agent B gets it once the debtor's account is assigned to B (open assignment row).
      const budi = await db.kysely.selectFrom('accounts').select('id').where('account_no', '=', BUDI.accountNo).executeTakeFirstOrThrow();
      await db.kysely.insertInto('assignments').values({ account_id: budi.id, user_id: other.user.id, team_id: null, assigned_by: null, reason: 'test' }).execute();
      expect((await own.inject({ url: '/api/v1/assistant/conversations', headers: other.headers })).json().items.map((c: { id: string }) => c.id)).toEqual([convId]);
      await db.kysely.updateTable('assignments').set({ unassigned_at: new Date() }).where('account_id', '=', budi.id).execute();
      expect((await own.inject({ url: `/api/v1/assistant/conversations/${convId}`, headers: other.headers })).statusCode).toBe(404);
      const queue = (await own.inject({ url: '/api/v1/assistant/conversations', headers: agentOwn.headers })).json().items;
      expect(queue).toHaveLength(1);
      expect(queue[0]).toMatchObject({ status: 'open', channel: 'whatsapp', verified: false });
      const detail = (await own.inject({ url: `/api/v1/assistant/conversations/${queue[0].id}`, headers: agentOwn.headers })).json();
      expect(detail.messages.map((m: { text: string }) => m.text)).toEqual(expect.arrayContaining(['tolong sambungkan ke petugas']));
      const threat = await own.inject({ method: 'POST', url: `/api/v1/assistant/conversations/${queue[0].id}/messages`, headers: agentOwn.headers, payload: { text: 'Bayar hari ini atau kami lapor polisi' } });
      expect([threat.statusCode, threat.json().error.code]).toEqual([400, 'TAGIH_VALIDATION']);
      const ok = await own.inject({ method: 'POST', url: `/api/v1/assistant/conversations/${queue[0].id}/messages`, headers: agentOwn.headers, payload: { text: 'Selamat malam, saya Rina dari tim layanan. Boleh saya bantu verifikasi data Anda?' } });
      expect(ok.json()).toMatchObject({ delivery: 'sent' });
      const item = await db.kysely.selectFrom('work_items').select(['status', 'assigned_user_id']).where('kind', '=', 'handoff').executeTakeFirstOrThrow();
      expect(item).toEqual({ status: 'in_progress', assigned_user_id: agentOwn.user.id });
      const resolved = await own.inject({ method: 'POST', url: `/api/v1/assistant/conversations/${queue[0].id}/resolve`, headers: agentOwn.headers });
      expect(resolved.json().status).toBe('resolved');
      expect((await db.kysely.selectFrom('work_items').select('status').where('kind', '=', 'handoff').executeTakeFirstOrThrow()).status).toBe('done');
      // Once resolved, an agent no longer sees it; a supervisor does.
      expect((await own.inject({ url: `/api/v1/assistant/conversations/${queue[0].id}`, headers: agentOwn.headers })).statusCode).toBe(404);
      expect(graph.sent.at(-1)?.text.body).toMatch(/saya Rina/);
    }
  });

  it('reports containment to reports:read only', async () => {
    expect((await app.inject({ url: '/api/v1/assistant/metrics', headers: agent.headers })).statusCode).toBe(403);
    const m = (await app.inject({ url: '/api/v1/assistant/metrics', headers: supervisor.headers })).json();
    expect(m.conversations).toBe(2);
    expect(m.handed_off).toBe(1);
    expect(m.contained).toBe(1);
    expect(m.containment_rate).toBe(0.5);
    expect(m.by_channel).toEqual([{ channel: 'web', conversations: 1, contained: 1 }, { channel: 'whatsapp', conversations: 1, contained: 0 }]);
  });

  it('streams agent replies to the web widget as server-sent events', async () => {
    const start = (await app.inject({ method: 'POST', url: '/api/v1/assistant/web/conversations' })).json();
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as AddressInfo;
    const abort = new AbortController();
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/assistant/web/events?token=${start.token}`, { signal: abort.signal });
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = res.body!.getReader();
    let text = '';
    const events = () => text.split('event: message').length - 1;
    while (events() < 1) text += new TextDecoder().decode((await reader.read()).value);
    expect(text).toMatch(/"sender":"bot"/);
    expect(text).toMatch(/asisten virtual/);
    // A message written after the stream went idle arrives without waiting for the (10-minute) fallback poll.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const said = await fetch(`http://127.0.0.1:${port}/api/v1/assistant/web/messages`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-conversation-token': start.token }, body: JSON.stringify({ text: 'makasih ya' }) });
    expect(said.status).toBe(200);
    while (events() < 2) text += new TextDecoder().decode((await reader.read()).value);
    abort.abort();
    expect(text).toMatch(/Sama-sama/);
  });
});

interface FakeGraph {
  readonly url: string;
  readonly server: ReturnType<typeof createServer>;
  readonly sent: { to: string; text: { body: string } }[];
}

/** A local stand-in for graph.facebook.com that records every message sent. */
async function fakeGraph(): Promise<FakeGraph> {
  const sent: FakeGraph['sent'] = [];
  const server = createServer((req: IncomingMessage, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      sent.push(JSON.parse(raw) as FakeGraph['sent'][number]);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ messages: [{ id: `wamid.out.${sent.length}` }] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, sent };
}

describe('cloudApiSender', () => {
  it('posts a text message to the Cloud API with the bearer token', async () => {
    const seen: { url: string; auth: string; body: unknown }[] = [];
    const server = createServer((req: IncomingMessage, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString()));
      req.on('end', () => {
        seen.push({ url: req.url ?? '', auth: req.headers.authorization ?? '', body: JSON.parse(raw) });
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ messages: [{ id: 'wamid.X' }] }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const sender = cloudApiSender({ accessToken: 'tok', phoneNumberId: '123', baseUrl: `http://127.0.0.1:${port}` });
    expect(await sender.sendText('+6281234567890', 'Halo')).toEqual({ ok: true, providerMessageId: 'wamid.X' });
    expect(seen).toEqual([{ url: '/123/messages', auth: 'Bearer tok', body: { messaging_product: 'whatsapp', recipient_type: 'individual', to: '6281234567890', type: 'text', text: { preview_url: false, body: 'Halo' } } }]);
    server.close();
    expect((await cloudApiSender({ accessToken: 't', phoneNumberId: '1', baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 500 }).sendText('+62', 'x')).ok).toBe(false);
  });
});
