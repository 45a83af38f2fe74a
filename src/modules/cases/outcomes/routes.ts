import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../../app-deps.ts';
import { errorResponses } from '../../../lib/error-schema.ts';
import { actorOf, principalOf } from '../../auth/index.ts';
import { casePolicyOf } from '../shared/context.ts';
import { assertDebtorInScope } from '../shared/scope.ts';
import { outcomeBody, outcomeOut } from './schema.ts';
import { logOutcome } from './service.ts';

/**
 * Structured outcome logging. The portfolio module's `POST /debtors/:id/interactions` stays the free-form note;
 * this route is what a collector's screen calls after a call, and it creates the follow-ups.
 */
export const outcomeRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const db = deps.db.kysely;
  app.post(
    '/interactions/outcomes',
    {
      config: { access: { action: 'interactions:write' } },
      schema: {
        tags: ['cases'],
        summary: 'Log a contact outcome; ptp creates the promise, callback_requested a callback item, dispute a dispute; completes the work item',
        body: outcomeBody,
        response: { 201: outcomeOut, ...errorResponses },
      },
    },
    async (req, reply) => {
      const p = principalOf(req);
      await assertDebtorInScope(db, p, req.body.debtor_id);
      const result = await db.transaction().execute((trx) => logOutcome(trx, req.body, { now: deps.now(), actor: actorOf(p), agentId: p.userId, policy: casePolicyOf(deps.config) }));
      return reply.status(201).send(result);
    },
  );
};
