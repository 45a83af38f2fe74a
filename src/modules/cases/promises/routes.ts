import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../../app-deps.ts';
import { errorResponses } from '../../../lib/error-schema.ts';
import { AppError } from '../../../lib/app-error.ts';
import { actorOf, principalOf } from '../../auth/index.ts';
import { casePolicyOf } from '../shared/context.ts';
import { idParam } from '../shared/schema.ts';
import { accountInScope } from '../shared/scope.ts';
import { cancelPromiseBody, newPromiseBody, promiseOut } from './schema.ts';
import { cancelPromise, createPromise, listPromises } from './service.ts';

/** Promises to pay per account: take, list, cancel. Agents act only on accounts in their scope. */
export const promiseRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const db = deps.db.kysely;

  app.get(
    '/accounts/:id/promises',
    {
      config: { access: { action: 'portfolio:read' } },
      schema: { tags: ['cases'], summary: 'Promises to pay of an account, newest first', params: idParam, response: { 200: z.object({ items: z.array(promiseOut) }), ...errorResponses } },
    },
    async (req) => {
      await accountInScope(db, principalOf(req), req.params.id);
      return { items: await listPromises(db, req.params.id) };
    },
  );

  app.post(
    '/accounts/:id/promises',
    {
      config: { access: { action: 'interactions:write' } },
      schema: {
        tags: ['cases'],
        summary: 'Take a promise to pay (date in the debtor calendar, not past, within the policy horizon; amount ≤ outstanding)',
        params: idParam,
        body: newPromiseBody,
        response: { 201: promiseOut, ...errorResponses },
      },
    },
    async (req, reply) => {
      const principal = principalOf(req);
      await accountInScope(db, principal, req.params.id);
      const view = await db.transaction().execute((trx) =>
        createPromise(trx, { accountId: req.params.id, amountIdr: req.body.amount_idr, promisedDate: req.body.promised_date, source: 'agent' }, { now: deps.now(), actor: actorOf(principal), policy: casePolicyOf(deps.config) }),
      );
      return reply.status(201).send(view);
    },
  );

  app.post(
    '/promises/:id/cancel',
    {
      config: { access: { action: 'interactions:write' } },
      schema: { tags: ['cases'], summary: 'Cancel a pending promise, with a reason', params: idParam, body: cancelPromiseBody, response: { 200: promiseOut, ...errorResponses } },
    },
    async (req) => {
      const principal = principalOf(req);
      const p = await db.selectFrom('promises_to_pay').select('account_id').where('id', '=', req.params.id).executeTakeFirst();
      if (!p) throw new AppError('TAGIH_NOT_FOUND', `promise ${req.params.id} not found`);
      await accountInScope(db, principal, p.account_id);
      return db.transaction().execute((trx) => cancelPromise(trx, req.params.id, req.body.reason, { now: deps.now(), actor: actorOf(principal) }));
    },
  );
};
