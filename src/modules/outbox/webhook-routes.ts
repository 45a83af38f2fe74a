import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app-deps.ts';
import { AppError } from '../../lib/app-error.ts';
import { errorBody, errorResponses } from '../../lib/error-schema.ts';
import { applyWhatsAppStatuses, parseWhatsAppStatuses, validWhatsAppSignature } from './whatsapp-webhook.ts';

/**
 * WhatsApp Cloud API webhook: the GET handshake (hub.verify_token / hub.challenge) and signed POSTs
 * of delivery statuses. Public routes — the signature is the authentication. The JSON parser of this
 * plugin keeps the raw bytes, because the HMAC is over exactly what Meta sent.
 */
export const webhookRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

  app.get(
    '/webhooks/whatsapp',
    {
      config: { access: { public: true } },
      schema: {
        tags: ['outbox'],
        summary: 'WhatsApp webhook verification handshake',
        querystring: z.object({ 'hub.mode': z.string().optional(), 'hub.verify_token': z.string().optional(), 'hub.challenge': z.string().max(200).optional() }),
        response: { 200: z.string(), ...errorResponses },
      },
    },
    async (req, reply) => {
      const token = deps.config.whatsapp.verifyToken;
      const q = req.query;
      if (!token || q['hub.mode'] !== 'subscribe' || q['hub.verify_token'] !== token || !q['hub.challenge']) {
        throw new AppError('TAGIH_FORBIDDEN', 'webhook verification failed');
      }
      return reply.type('text/plain').send(q['hub.challenge']);
    },
  );

  app.post(
    '/webhooks/whatsapp',
    {
      config: { access: { public: true } },
      schema: {
        tags: ['outbox'],
        summary: 'WhatsApp delivery statuses (X-Hub-Signature-256 checked against the app secret)',
        response: { 200: z.object({ received: z.number().int(), applied: z.number().int() }), 503: errorBody, ...errorResponses },
      },
    },
    async (req) => {
      const secret = deps.config.whatsapp.appSecret;
      if (!secret) throw new AppError('TAGIH_UNAVAILABLE', 'WhatsApp webhook is not configured (WHATSAPP_APP_SECRET)');
      const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const header = req.headers['x-hub-signature-256'];
      if (!validWhatsAppSignature(raw, typeof header === 'string' ? header : undefined, secret)) {
        throw new AppError('TAGIH_BAD_SIGNATURE', 'invalid X-Hub-Signature-256');
      }
      let payload: unknown;
      try {
        payload = JSON.parse(raw.toString('utf8'));
      } catch {
        throw new AppError('TAGIH_VALIDATION', 'webhook body is not JSON');
      }
      const statuses = parseWhatsAppStatuses(payload);
      return { received: statuses.length, applied: await applyWhatsAppStatuses(deps.db.kysely, statuses, deps.now()) };
    },
  );
};
