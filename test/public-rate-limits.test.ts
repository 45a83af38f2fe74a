/**
 * The public, unauthenticated debtor routes (web chat, portal login, WhatsApp assistant webhook) are rate limited per
 * client IP, the chat also per conversation token; a refused request gets the one error shape with 429.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from './support/databases.ts';
import { testApp } from './support/app.ts';
import type { Db } from '../src/db/connection.ts';

const LIMITS = {
  TAGIH_RATE_LIMIT_WEB_CHAT: '4',
  TAGIH_RATE_LIMIT_CHAT_TOKEN: '2',
  TAGIH_RATE_LIMIT_PORTAL_LOGIN: '3',
  TAGIH_RATE_LIMIT_WHATSAPP_WEBHOOK: '2',
  WHATSAPP_VERIFY_TOKEN: 'verify-me',
  WHATSAPP_APP_SECRET: 'app-secret',
};

function expectLimited(res: LightMyRequestResponse): void {
  expect(res.statusCode).toBe(429);
  expect(res.json()).toEqual({ error: { code: 'TAGIH_RATE_LIMITED', message: expect.stringMatching(/too many requests/), details: expect.objectContaining({ retry_after_seconds: expect.any(Number) }) } });
  expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
}

describe.each(testDatabases)('rate limits on public routes on $name', (target) => {
  let db: Db;
  let app: FastifyInstance;

  beforeAll(async () => {
    db = await target.open();
    ({ app } = await testApp(db, { env: LIMITS }));
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  const start = (ip: string) => app.inject({ method: 'POST', url: '/api/v1/assistant/web/conversations', remoteAddress: ip });
  const say = (ip: string, token: string, text: string) =>
    app.inject({ method: 'POST', url: '/api/v1/assistant/web/messages', remoteAddress: ip, headers: { 'x-conversation-token': token }, payload: { text } });

  it('limits starting web chats per IP, other addresses unaffected', async () => {
    for (let i = 0; i < 4; i++) expect((await start('10.0.0.1')).statusCode).toBe(201);
    expectLimited(await start('10.0.0.1'));
    expect((await start('10.0.0.2')).statusCode).toBe(201);
  });

  it('limits messages per conversation token, whatever the address', async () => {
    const token = (await start('10.0.1.1')).json<{ token: string }>().token;
    expect((await say('10.0.1.1', token, 'halo')).statusCode).toBe(200);
    expect((await say('10.0.1.2', token, 'halo lagi')).statusCode).toBe(200);
    expectLimited(await say('10.0.1.3', token, 'halo lagi lagi'));
    // Another conversation from the same address still talks.
    const other = (await start('10.0.1.1')).json<{ token: string }>().token;
    expect((await say('10.0.1.1', other, 'halo')).statusCode).toBe(200);
    // The per-IP ceiling applies to messages too.
    const third = (await start('10.0.1.9')).json<{ token: string }>().token;
    const fourth = (await start('10.0.1.9')).json<{ token: string }>().token;
    for (const t of [third, third, fourth, fourth]) expect((await say('10.0.1.9', t, 'halo')).statusCode).toBe(200);
    expectLimited(await say('10.0.1.9', (await start('10.0.1.8')).json<{ token: string }>().token, 'halo'));
  });

  it('limits portal code requests and code checks per IP', async () => {
    const verify = (ip: string) =>
      app.inject({ method: 'POST', url: '/api/v1/portal/otp/verify', remoteAddress: ip, payload: { challenge_id: '00000000-0000-4000-8000-000000000000', code: '123456' } });
    for (let i = 0; i < 3; i++) expect((await verify('10.0.2.1')).statusCode).not.toBe(429);
    expectLimited(await verify('10.0.2.1'));
    expect((await verify('10.0.2.2')).statusCode).not.toBe(429);
  });

  it('limits the WhatsApp assistant webhook per IP', async () => {
    const hello = (ip: string) =>
      app.inject({ method: 'GET', url: '/api/v1/webhooks/whatsapp/assistant?hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=42', remoteAddress: ip });
    for (let i = 0; i < 2; i++) expect((await hello('10.0.3.1')).body).toBe('42');
    expectLimited(await hello('10.0.3.1'));
    // Each route counts on its own: the POST gets its own two (refused for want of a signature), then 429.
    const post = () => app.inject({ method: 'POST', url: '/api/v1/webhooks/whatsapp/assistant', remoteAddress: '10.0.3.1', headers: { 'content-type': 'application/json' }, payload: '{}' });
    for (let i = 0; i < 2; i++) expect((await post()).statusCode).toBe(401);
    expectLimited(await post());
  });
});
