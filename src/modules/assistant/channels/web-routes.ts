import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../../lib/app-error.ts';
import { errorResponses, rateLimitedResponse } from '../../../lib/error-schema.ts';
import { keyedLimit, perIp } from '../../../lib/rate-limit.ts';
import { renderReply } from '../../../domain/assistant/index.ts';
import { handleInbound, openConversation } from '../dialogue/conversation-turn.ts';
import * as repo from '../dialogue/repo.ts';
import type { AssistantRuntime } from '../dialogue/runtime.ts';
import { chatText, startResponse, tokenHeader, transcriptMessage, turnResponse } from '../schema.ts';
import { newConversationToken, webUserKey } from './web-token.ts';

const SSE_MAX_MS = 5 * 60_000;
/** NOTIFY channel of the 0320 trigger: payload = conversation id of a new outbound message. */
const OUTBOUND_CHANNEL = 'assistant_outbound';

/**
 * The debtor portal's chat widget. Public routes (no staff session): the conversation token issued by
 * POST /assistant/web/conversations is the credential, and nothing about an account is said before the person
 * passes identity verification inside the conversation.
 */
export const webChatRoutes: FastifyPluginAsyncZod<{ rt: AssistantRuntime }> = async (app, { rt }) => {
  const { db, cipher } = rt.deps;
  const limits = rt.deps.config.rateLimits;
  const pollMs = rt.deps.config.chatEventsPollMs;
  const limited = { access: { public: true }, rateLimit: perIp(limits.webChatPerIp) } as const;
  // Per conversation too: one token driven from many addresses is still one conversation.
  const perToken = keyedLimit(app, 'conversation', limits.chatPerToken, (req) => {
    const token = req.headers['x-conversation-token'];
    return typeof token === 'string' ? webUserKey(token) : null;
  });

  /** The conversation this token was issued for (live, or the most recent one when it has ended). */
  async function conversationOf(token: string): Promise<repo.Conversation> {
    const key = webUserKey(token);
    const live = await repo.findLiveConversation(db.kysely, 'web', key);
    if (live) return live;
    const last = await repo.latestConversation(db.kysely, 'web', key);
    if (!last) throw new AppError('TAGIH_UNAUTHENTICATED', 'unknown conversation token; start a conversation first');
    return last;
  }

  app.post(
    '/assistant/web/conversations',
    {
      config: limited,
      schema: { tags: ['assistant'], summary: 'Start a web chat with the debtor assistant; returns the conversation token', response: { 201: startResponse, ...errorResponses, ...rateLimitedResponse } },
    },
    async (_req, reply) => {
      const token = newConversationToken();
      const conv = await openConversation(rt, 'web', webUserKey(token), null);
      const text = renderReply({ key: 'greeting' }, rt.defaultBrand);
      const [id] = await repo.insertMessages(db.kysely, [{ conversationId: conv.id, direction: 'outbound', sender: 'bot', bodyEnc: cipher.encrypt(text), at: rt.deps.now() }]);
      return reply.status(201).send({ token, conversation_id: conv.id, replies: [{ id: String(id), text }] });
    },
  );

  app.post(
    '/assistant/web/messages',
    {
      config: limited,
      schema: {
        tags: ['assistant'],
        summary: 'Send one chat message; the assistant answers in the response (agent replies arrive via events or polling)',
        headers: tokenHeader,
        body: z.object({ text: chatText }),
        response: { 200: turnResponse, ...errorResponses, ...rateLimitedResponse },
      },
      preHandler: perToken,
    },
    async (req) => {
      const token = req.headers['x-conversation-token'];
      const conv = await conversationOf(token);
      const out = await handleInbound(rt, { channel: 'web', userKey: webUserKey(token), text: req.body.text }, conv.status === 'resolved' ? undefined : conv);
      return { conversation_id: out.conversationId, status: out.status, replies: out.replies.map((r) => ({ id: r.id, text: r.text })) };
    },
  );

  app.get(
    '/assistant/web/messages',
    {
      config: limited,
      schema: {
        tags: ['assistant'],
        summary: 'Poll the conversation for messages after a given id (bot and agent replies)',
        headers: tokenHeader,
        querystring: z.object({ after: z.coerce.bigint().min(0n).default(0n), limit: z.coerce.number().int().min(1).max(200).default(50) }),
        response: { 200: z.object({ conversation_id: z.string(), status: z.enum(['pending', 'open', 'resolved']), items: z.array(transcriptMessage) }), ...errorResponses, ...rateLimitedResponse },
      },
    },
    async (req) => {
      const conv = await conversationOf(req.headers['x-conversation-token']);
      const rows = await repo.listMessages(db.kysely, conv.id, req.query.after, req.query.limit);
      return {
        conversation_id: conv.id,
        status: conv.status,
        items: rows.map((m) => ({ id: String(m.id), direction: m.direction, sender: m.sender, text: cipher.decrypt(m.body_enc), created_at: m.created_at.toISOString() })),
      };
    },
  );

  app.get(
    '/assistant/web/events',
    {
      config: limited,
      schema: {
        tags: ['assistant'],
        summary: 'Server-sent events: each new outbound message (bot or agent) as `event: message`',
        description: 'EventSource cannot send headers, so the token is a query parameter here. The stream ends after 5 minutes; EventSource reconnects with Last-Event-ID.',
        querystring: z.object({ token: z.string().min(20).max(200), after: z.coerce.bigint().min(0n).default(0n) }),
        headers: z.object({ 'last-event-id': z.string().regex(/^\d{1,18}$/).optional() }),
        response: { 200: z.string().describe('text/event-stream'), ...errorResponses, ...rateLimitedResponse },
      },
    },
    async (req, reply) => {
      const conv = await conversationOf(req.query.token);
      let after = req.headers['last-event-id'] ? BigInt(req.headers['last-event-id']) : req.query.after;
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
      res.write('retry: 2000\n\n');
      let open = true;
      // Woken by NOTIFY (any node's write) or the slow fallback poll; `dirty` covers a notification that lands
      // while the query runs.
      let dirty = true;
      let wake: (() => void) | null = null;
      const poke = () => {
        dirty = true;
        wake?.();
      };
      req.raw.on('close', () => {
        open = false;
        wake?.();
      });
      let unsubscribe: () => void = () => {};
      try {
        unsubscribe = await db.listen(OUTBOUND_CHANNEL, (payload) => {
          if (payload === conv.id) poke();
        });
      } catch (err) {
        req.log.warn({ err }, 'assistant events: LISTEN failed, polling only');
      }
      const deadline = Date.now() + SSE_MAX_MS;
      try {
        while (open && Date.now() < deadline) {
          let rows: Awaited<ReturnType<typeof repo.listMessages>> = [];
          if (dirty) {
            dirty = false;
            rows = await repo.listMessages(db.kysely, conv.id, after, 50);
            for (const m of rows) {
              after = m.id;
              if (m.direction !== 'outbound') continue;
              const data = JSON.stringify({ id: String(m.id), sender: m.sender, text: cipher.decrypt(m.body_enc), created_at: m.created_at.toISOString() });
              res.write(`id: ${String(m.id)}\nevent: message\ndata: ${data}\n\n`);
            }
            // A full page: there may be more, read again at once.
            if (rows.length === 50) dirty = true;
          }
          if (rows.length === 0) res.write(': keep-alive\n\n');
          if (dirty || !open) continue;
          await new Promise<void>((resolve) => {
            const timer = setTimeout(() => {
              dirty = true;
              resolve();
            }, Math.min(pollMs, Math.max(0, deadline - Date.now())));
            wake = () => {
              clearTimeout(timer);
              resolve();
            };
          });
          wake = null;
        }
      } finally {
        unsubscribe();
        res.end();
      }
    },
  );
};
