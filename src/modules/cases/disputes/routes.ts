import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../../app-deps.ts';
import { errorResponses } from '../../../lib/error-schema.ts';
import { AppError } from '../../../lib/app-error.ts';
import { actorOf, principalOf } from '../../auth/index.ts';
import { casePolicyOf } from '../shared/context.ts';
import { decodeCursor, encodeCursor } from '../shared/cursor.ts';
import { idParam, page } from '../shared/schema.ts';
import { assertDebtorInScope } from '../shared/scope.ts';
import { disputeOut, listDisputesQuery, newDisputeBody, resolveDisputeBody } from './schema.ts';
import * as repo from './repo.ts';
import { openDispute, resolveDispute, toDisputeView } from './service.ts';

/** Disputes and complaints: open (agents), list and read (scoped), resolve/reject (supervisors), SLA breaches. */
export const disputeRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const db = deps.db.kysely;

  app.post(
    '/disputes',
    {
      config: { access: { action: 'interactions:write' } },
      schema: { tags: ['cases'], summary: 'Open a dispute or complaint; it holds collection contact until closed', body: newDisputeBody, response: { 201: disputeOut, ...errorResponses } },
    },
    async (req, reply) => {
      const principal = principalOf(req);
      await assertDebtorInScope(db, principal, req.body.debtor_id);
      const view = await db.transaction().execute((trx) =>
        openDispute(
          trx,
          { kind: req.body.kind, debtorId: req.body.debtor_id, accountId: req.body.account_id, category: req.body.category, description: req.body.description, openedVia: 'agent' },
          { now: deps.now(), actor: actorOf(principal), policy: casePolicyOf(deps.config) },
        ),
      );
      return reply.status(201).send(view);
    },
  );

  app.get(
    '/disputes',
    {
      config: { access: { action: 'portfolio:read' } },
      schema: { tags: ['cases'], summary: 'Disputes and complaints, newest first', querystring: listDisputesQuery, response: { 200: page(disputeOut), ...errorResponses } },
    },
    async (req) => {
      const q = req.query;
      const now = deps.now();
      const { rows } = await repo.listDisputes(db, principalOf(req), { status: q.status, kind: q.kind, debtorId: q.debtor_id, accountId: q.account_id, limit: q.limit }, q.cursor ? decodeCursor(q.cursor) : null);
      const items = rows.slice(0, q.limit);
      const last = items[items.length - 1];
      return { items: items.map((d) => toDisputeView(d, now)), next_cursor: rows.length > q.limit && last ? encodeCursor({ at: last.opened_at.toISOString(), id: last.id }) : null };
    },
  );

  app.get(
    '/disputes/sla-breaches',
    {
      config: { access: { action: 'reports:read' } },
      schema: {
        tags: ['cases'],
        summary: 'Open disputes and complaints past their SLA, most overdue first',
        querystring: z.object({ cursor: z.string().optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }),
        response: { 200: page(disputeOut), ...errorResponses },
      },
    },
    async (req) => {
      const now = deps.now();
      const { rows } = await repo.listDisputes(db, principalOf(req), { breachedAt: now, limit: req.query.limit }, req.query.cursor ? decodeCursor(req.query.cursor) : null);
      const items = rows.slice(0, req.query.limit);
      const last = items[items.length - 1];
      return { items: items.map((d) => toDisputeView(d, now)), next_cursor: rows.length > req.query.limit && last ? encodeCursor({ at: last.sla_due_at.toISOString(), id: last.id }) : null };
    },
  );

  app.get(
    '/disputes/:id',
    {
      config: { access: { action: 'portfolio:read' } },
      schema: { tags: ['cases'], summary: 'One dispute or complaint', params: idParam, response: { 200: disputeOut, ...errorResponses } },
    },
    async (req) => {
      const d = await repo.findById(db, req.params.id);
      if (!d) throw new AppError('TAGIH_NOT_FOUND', `dispute ${req.params.id} not found`);
      await assertDebtorInScope(db, principalOf(req), d.debtor_id).catch(() => {
        throw new AppError('TAGIH_NOT_FOUND', `dispute ${req.params.id} not found`);
      });
      return toDisputeView(d, deps.now());
    },
  );

  app.post(
    '/disputes/:id/resolve',
    {
      config: { access: { action: 'cases:manage' } },
      schema: { tags: ['cases'], summary: 'Close an open dispute or complaint as resolved or rejected, lifting the hold', params: idParam, body: resolveDisputeBody, response: { 200: disputeOut, ...errorResponses } },
    },
    async (req) => db.transaction().execute((trx) => resolveDispute(trx, req.params.id, req.body, { now: deps.now(), actor: actorOf(principalOf(req)) })),
  );
};
