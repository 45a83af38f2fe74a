import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../../app-deps.ts';
import { errorResponses } from '../../../lib/error-schema.ts';
import { AppError } from '../../../lib/app-error.ts';
import { actorOf, principalOf } from '../../auth/index.ts';
import { loadContactRules } from '../shared/contact-window.ts';
import { idParam } from '../shared/schema.ts';
import { assignAccountUser } from './assign-user.ts';
import * as repo from './repo.ts';
import { claimOut, newWorkItemBody, queueQuery, reassignBody, teamQueueQuery, workItemOut } from './schema.ts';
import { claimNext, createWorkItem, kindsFor, rankQueue, reassignWorkItem } from './service.ts';

/** Call lists: my queue, a team's queue (supervisors), claim next, create and reassign items. */
export const workQueueRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const db = deps.db.kysely;

  app.get(
    '/work-queue/me',
    {
      config: { access: { action: 'interactions:write' } },
      schema: {
        tags: ['cases'],
        summary: 'My prioritised call list: items assigned to me and my team pool, contactable debtors first',
        querystring: queueQuery,
        response: { 200: z.object({ items: z.array(workItemOut) }), ...errorResponses },
      },
    },
    async (req) => {
      const p = principalOf(req);
      const rules = await loadContactRules(db);
      const ids = repo.visibleToAgent(repo.openItemIds(db).where('wi.kind', 'in', [...kindsFor(p.role)]), p.userId, p.teamId);
      return { items: await rankQueue(db, ids, rules, deps.now(), req.query.limit) };
    },
  );

  app.get(
    '/work-queue/teams/:id',
    {
      config: { access: { action: 'cases:manage' } },
      schema: {
        tags: ['cases'],
        summary: "A team's call list (supervisors), live priority order; optionally one agent's items",
        params: idParam,
        querystring: teamQueueQuery,
        response: { 200: z.object({ items: z.array(workItemOut) }), ...errorResponses },
      },
    },
    async (req) => {
      const team = await db.selectFrom('teams').select('id').where('id', '=', req.params.id).executeTakeFirst();
      if (!team) throw new AppError('TAGIH_NOT_FOUND', `team ${req.params.id} not found`);
      let query = repo.ofTeam(repo.openItemIds(db), req.params.id);
      if (req.query.user_id) query = query.where('wi.assigned_user_id', '=', req.query.user_id);
      return { items: await rankQueue(db, query, await loadContactRules(db), deps.now(), req.query.limit) };
    },
  );

  app.post(
    '/work-queue/claim',
    {
      config: { access: { action: 'interactions:write' } },
      schema: {
        tags: ['cases'],
        summary: 'Claim my next item (FOR UPDATE SKIP LOCKED): my item in progress, else the best contactable item due now',
        response: { 200: claimOut, ...errorResponses },
      },
    },
    async (req) => {
      const p = principalOf(req);
      const rules = await loadContactRules(db);
      return db.transaction().execute((trx) => claimNext(trx, { userId: p.userId, teamId: p.teamId, role: p.role }, rules, { now: deps.now(), actor: actorOf(p) }));
    },
  );

  app.post(
    '/work-items',
    {
      config: { access: { action: 'cases:manage' } },
      schema: {
        tags: ['cases'],
        summary: "Create a work item for an account, routed to the account's current agent or team pool",
        body: newWorkItemBody,
        response: { 201: z.object({ id: z.string(), created: z.boolean() }), ...errorResponses },
      },
    },
    async (req, reply) => {
      const p = principalOf(req);
      const now = deps.now();
      const b = req.body;
      const res = await db.transaction().execute((trx) =>
        createWorkItem(trx, { kind: b.kind, accountId: b.account_id, dueAt: b.due_at ? new Date(b.due_at) : now, notes: b.notes, idempotencyKey: b.idempotency_key ?? null }, { now, actor: actorOf(p) }),
      );
      return reply.status(201).send(res);
    },
  );

  app.post(
    '/work-items/:id/reassign',
    {
      config: { access: { action: 'cases:manage' } },
      schema: { tags: ['cases'], summary: 'Move an open item to another agent and/or team', params: idParam, body: reassignBody, response: { 200: z.object({ id: z.string() }), ...errorResponses } },
    },
    async (req) => {
      const p = principalOf(req);
      const now = deps.now();
      await db.transaction().execute(async (trx) => {
        const to = await assignAccountUser(trx, { userId: req.body.user_id, teamId: req.body.team_id });
        await reassignWorkItem(trx, req.params.id, to, req.body.reason, { now, actor: actorOf(p) });
      });
      return { id: req.params.id };
    },
  );
};
