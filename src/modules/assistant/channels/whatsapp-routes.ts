import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../../lib/app-error.ts';
import { errorResponses, rateLimitedResponse } from '../../../lib/error-schema.ts';
import { perIp } from '../../../lib/rate-limit.ts';
import { handleInbound } from '../dialogue/conversation-turn.ts';
import * as repo from '../dialogue/repo.ts';
import type { AssistantRuntime } from '../dialogue/runtime.ts';
import { validWhatsAppSignature } from './whatsapp-signature.ts';
import { inboundMessages, whatsappWebhook } from './whatsapp-payload.ts';
import type { WhatsAppSender } from './whatsapp-sender.ts';

/**
 * WhatsApp Cloud API webhook for the assistant. A path of its own (`…/whatsapp/assistant`) so it never clashes with
 * a delivery-status webhook of the send path. Public: Meta authenticates with the verify token (GET) and the
 * HMAC signature of the raw body (POST), checked before the body is parsed.
 */
export const whatsappRoutes: FastifyPluginAsyncZod<{ rt: AssistantRuntime; sender: WhatsAppSender | null }> = async (app, { rt, sender }) => {
  const { verifyToken, appSecret } = rt.deps.config.whatsapp;
  const { db, cipher } = rt.deps;
  // Meta delivers from its own addresses: a generous per-IP ceiling against floods from anyone else.
  const limited = { access: { public: true }, rateLimit: perIp(rt.deps.config.rateLimits.whatsappWebhookPerIp) } as const;

  // Encapsulated to this plugin: keep the raw bytes, the signature covers them exactly.
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

  app.get(
    '/webhooks/whatsapp/assistant',
    {
      config: limited,
      schema: {
        tags: ['assistant'],
        summary: 'WhatsApp webhook verification handshake (hub.verify_token → hub.challenge)',
        querystring: z.object({ 'hub.mode': z.string().optional(), 'hub.verify_token': z.string().optional(), 'hub.challenge': z.string().max(200).optional() }),
        response: { 200: z.string(), ...errorResponses, ...rateLimitedResponse },
      },
    },
    async (req, reply) => {
      if (!verifyToken) throw new AppError('TAGIH_UNAVAILABLE', 'WHATSAPP_VERIFY_TOKEN is not configured');
      const q = req.query;
      if (q['hub.mode'] !== 'subscribe' || q['hub.verify_token'] !== verifyToken || !q['hub.challenge']) throw new AppError('TAGIH_FORBIDDEN', 'verify token does not match');
      return reply.type('text/plain').send(q['hub.challenge']);
    },
  );

  app.post(
    '/webhooks/whatsapp/assistant',
    {
      config: limited,
      schema: {
        tags: ['assistant'],
        summary: 'Inbound WhatsApp messages → debtor assistant → replies (X-Hub-Signature-256 required)',
        headers: z.object({ 'x-hub-signature-256': z.string().optional() }),
        response: { 200: z.object({ received: z.number().int(), replied: z.number().int() }), ...errorResponses, ...rateLimitedResponse },
      },
    },
    async (req) => {
      if (!appSecret) throw new AppError('TAGIH_UNAVAILABLE', 'WHATSAPP_APP_SECRET is not configured');
      const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      if (!validWhatsAppSignature(raw, req.headers['x-hub-signature-256'], appSecret)) throw new AppError('TAGIH_BAD_SIGNATURE', 'X-Hub-Signature-256 does not match the body');
      let json: unknown;
      try {
        json = JSON.parse(raw.toString('utf8'));
      } catch {
        throw new AppError('TAGIH_VALIDATION', 'body is not JSON');
      }
      const parsed = whatsappWebhook.safeParse(json);
      if (!parsed.success) throw new AppError('TAGIH_VALIDATION', 'not a WhatsApp webhook payload', parsed.error.issues.slice(0, 5));
      let replied = 0;
      const messages = inboundMessages(parsed.data);
      for (const m of messages) {
        const out = await handleInbound(rt, { channel: 'whatsapp', userKey: cipher.blindIndex(m.fromE164), addressEnc: cipher.encrypt(m.fromE164), text: m.text, externalId: m.messageId });
        for (const r of out.replies) {
          if (out.replies.length > 0 && r.outsideContactHours) req.log.info({ conversationId: out.conversationId }, 'assistant reply outside contact hours (debtor-initiated conversation)');
          if (!sender) continue;
          const sent = await sender.sendText(m.fromE164, r.text);
          await repo.markDelivery(db.kysely, [BigInt(r.id)], sent.ok ? 'sent' : 'failed');
          if (sent.ok) replied++;
          else req.log.warn({ conversationId: out.conversationId, error: sent.error }, 'WhatsApp reply failed');
        }
      }
      return { received: messages.length, replied };
    },
  );
};
