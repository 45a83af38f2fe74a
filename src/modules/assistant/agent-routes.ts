import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isScopedToAssignments } from '../../domain/permissions.ts';
import { lintMessage } from '../../domain/templates/index.ts';
import { AppError } from '../../lib/app-error.ts';
import { errorResponses } from '../../lib/error-schema.ts';
import type { Principal } from '../../lib/route-access.ts';
import { audit } from '../audit/index.ts';
import { principalOf } from '../auth/index.ts';
import type { WhatsAppSender } from './channels/whatsapp-sender.ts';
import * as repo from './dialogue/repo.ts';
import type { AssistantRuntime } from './dialogue/runtime.ts';
import { conversationDetail, conversationSummary, metricsResponse } from './schema.ts';

const idParam = z.object({ id: z.string().uuid() });
const DAY_MS = 86_400_000;

function summary(c: repo.Conversation): z.infer<typeof conversationSummary> {
  return {
    id: c.id,
    channel: c.channel,
    status: c.status,
    debtor_id: c.debtor_id,
    account_id: c.account_id,
    verified: c.verified_at !== null,
    last_intent: c.last_intent,
    turns: c.turns,
    handoff_work_item_id: c.handoff_work_item_id,
    handed_off_at: c.handed_off_at?.toISOString() ?? null,
    started_at: c.started_at.toISOString(),
    last_message_at: c.last_message_at.toISOString(),
  };
}

/**
 * The people side of the assistant: the handoff queue (Chatwoot-style: `open` conversations belong to a person),
 * reading a conversation, replying in it, resolving it, and the containment metric. Agents and field agents see only
 * conversations handed over to people whose handoff work item, account or debtor is assigned to them or their team;
 * supervisors, managers and admins see all.
 */
export const agentRoutes: FastifyPluginAsyncZod<{ rt: AssistantRuntime; sender: WhatsAppSender | null }> = async (app, { rt, sender }) => {
  const { db, cipher } = rt.deps;

  /** Agents: only their handed-over conversations (see repo `scopedTo`); anything else is 404, not 403, so existence does not leak. */
  async function visibleConversation(principal: Principal, id: string): Promise<repo.Conversation> {
    const scoped = isScopedToAssignments(principal.role);
    const conv = await repo.getConversation(db.kysely, id, scoped ? principal : undefined);
    if (!conv || (scoped && conv.status !== 'open')) throw new AppError('TAGIH_NOT_FOUND', `no conversation ${id}`);
    return conv;
  }

  app.get(
    '/assistant/conversations',
    {
      config: { access: { action: 'portfolio:read' } },
      schema: {
        tags: ['assistant'],
        summary: 'Assistant conversations, latest first; status=open is the handoff queue',
        querystring: z.object({ status: z.enum(['pending', 'open', 'resolved']).optional(), limit: z.coerce.number().int().min(1).max(200).default(50), before: z.string().datetime().optional() }),
        response: { 200: z.object({ items: z.array(conversationSummary) }), ...errorResponses },
      },
    },
    async (req) => {
      const principal = principalOf(req);
      const scoped = isScopedToAssignments(principal.role);
      const status = scoped ? 'open' : req.query.status;
      const rows = await repo.listConversations(db.kysely, {
        ...(status ? { status } : {}),
        limit: req.query.limit,
        ...(req.query.before ? { before: new Date(req.query.before) } : {}),
        ...(scoped ? { scope: principal } : {}),
      });
      return { items: rows.map(summary) };
    },
  );

  app.get(
    '/assistant/conversations/:id',
    {
      config: { access: { action: 'portfolio:read' } },
      schema: { tags: ['assistant'], summary: 'One conversation with its transcript (identity answers are never stored)', params: idParam, response: { 200: conversationDetail, ...errorResponses } },
    },
    async (req) => {
      const principal = principalOf(req);
      const conv = await visibleConversation(principal, req.params.id);
      const rows = await repo.listMessages(db.kysely, conv.id, 0n, 1000);
      await audit(db.kysely, { actor: { id: principal.userId, label: principal.username }, action: 'assistant.transcript_read', entityType: 'assistant_conversation', entityId: conv.id, at: rt.deps.now() });
      return {
        ...summary(conv),
        messages: rows.map((m) => ({
          id: String(m.id),
          direction: m.direction,
          sender: m.sender,
          text: cipher.decrypt(m.body_enc),
          intent: m.intent,
          outside_contact_hours: m.outside_contact_hours,
          delivery: m.delivery,
          created_at: m.created_at.toISOString(),
        })),
      };
    },
  );

  app.post(
    '/assistant/conversations/:id/messages',
    {
      config: { access: { action: 'interactions:write' } },
      schema: {
        tags: ['assistant'],
        summary: 'An agent replies in a handed-over conversation; the text must pass the compliance lint',
        params: idParam,
        body: z.object({ text: z.string().trim().min(1).max(4000) }),
        response: { 201: z.object({ id: z.string(), delivery: z.enum(['stored', 'sent', 'failed']) }), ...errorResponses },
      },
    },
    async (req, reply) => {
      const principal = principalOf(req);
      const conv = await visibleConversation(principal, req.params.id);
      if (conv.status === 'resolved') throw new AppError('TAGIH_CONFLICT', 'conversation is resolved');
      const lint = lintMessage(req.body.text, { channel: 'whatsapp', language: 'id', creditorName: '{{creditor_name}}' });
      const content = lint.violations.filter((v) => v.rule !== 'missing_opt_out' && v.rule !== 'missing_creditor_identity');
      if (content.length > 0) throw new AppError('TAGIH_VALIDATION', 'message breaks the collection conduct rules', content);
      const now = rt.deps.now();
      const id = await db.kysely.transaction().execute(async (trx) => {
        const locked = await repo.lockConversation(trx, conv.id);
        const [messageId] = await repo.insertMessages(trx, [{ conversationId: conv.id, direction: 'outbound', sender: 'agent', agentId: principal.userId, bodyEnc: cipher.encrypt(req.body.text), at: now }]);
        if (locked.status === 'pending') await repo.updateConversation(trx, conv.id, { status: 'open', handed_off_at: locked.handed_off_at ?? now });
        if (locked.handoff_work_item_id) await repo.startWorkItem(trx, locked.handoff_work_item_id, principal.userId, now);
        if (locked.debtor_id && locked.verified_at !== null) {
          await repo.insertInteraction(trx, { debtorId: locked.debtor_id, accountId: locked.account_id, channel: locked.channel === 'web' ? 'chat' : 'whatsapp', direction: 'outbound', outcome: 'agent_reply', agentId: principal.userId, notes: `Petugas: ${req.body.text}`, at: now });
        }
        return messageId ?? 0n;
      });
      let delivery: 'stored' | 'sent' | 'failed' = 'stored';
      if (conv.channel === 'whatsapp' && sender && conv.address_enc) {
        const sent = await sender.sendText(cipher.decrypt(conv.address_enc), req.body.text);
        delivery = sent.ok ? 'sent' : 'failed';
        await repo.markDelivery(db.kysely, [id], delivery);
      }
      return reply.status(201).send({ id: String(id), delivery });
    },
  );

  app.post(
    '/assistant/conversations/:id/resolve',
    {
      config: { access: { action: 'interactions:write' } },
      schema: { tags: ['assistant'], summary: 'Close a conversation (and its handoff work item)', params: idParam, response: { 200: conversationSummary, ...errorResponses } },
    },
    async (req) => {
      const principal = principalOf(req);
      const conv = await visibleConversation(principal, req.params.id);
      const now = rt.deps.now();
      await db.kysely.transaction().execute(async (trx) => {
        await repo.updateConversation(trx, conv.id, { status: 'resolved', resolved_at: now });
        if (conv.handoff_work_item_id) await repo.completeWorkItem(trx, conv.handoff_work_item_id, 'resolved', now);
      });
      return summary({ ...conv, status: 'resolved', resolved_at: now });
    },
  );

  app.get(
    '/assistant/metrics',
    {
      config: { access: { action: 'reports:read' } },
      schema: {
        tags: ['assistant'],
        summary: 'Containment: share of conversations (started in the window, at least one turn) resolved without handoff',
        querystring: z.object({ from: z.string().datetime().optional(), to: z.string().datetime().optional() }),
        response: { 200: metricsResponse, ...errorResponses },
      },
    },
    async (req) => {
      const to = req.query.to ? new Date(req.query.to) : rt.deps.now();
      const from = req.query.from ? new Date(req.query.from) : new Date(to.getTime() - 30 * DAY_MS);
      if (from >= to) throw new AppError('TAGIH_VALIDATION', 'from must be before to');
      const rows = await repo.containment(db.kysely, from, to);
      const total = (k: 'conversations' | 'contained' | 'handed_off' | 'verified' | 'turns') => rows.reduce((s, r) => s + Number(r[k]), 0);
      const conversations = total('conversations');
      return {
        from: from.toISOString(),
        to: to.toISOString(),
        conversations,
        handed_off: total('handed_off'),
        contained: total('contained'),
        containment_rate: conversations === 0 ? null : Math.round((total('contained') / conversations) * 10_000) / 10_000,
        verified: total('verified'),
        turns: total('turns'),
        by_channel: rows.map((r) => ({ channel: r.channel, conversations: Number(r.conversations), contained: Number(r.contained) })),
      };
    },
  );
};
