import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app-deps.ts';
import { errorResponses } from '../../lib/error-schema.ts';
import { actorOf, principalOf } from '../auth/index.ts';
import type { BookPaymentStep } from './booking-step.ts';
import { confirmLine, listReviewQueue, rejectLine } from './review.ts';
import { confirmBody, lineParam, rejectBody, reviewDecision, reviewPage, reviewQuery } from './schema.ts';

const conflict = { 409: errorResponses[400] } as const;

/** The reconciliation review queue: list (payments:read), confirm or reject (payments:write, audited). */
export const paymentRoutes: FastifyPluginAsyncZod<{ deps: AppDeps; book: BookPaymentStep }> = async (app, { deps, book }) => {
  app.get(
    '/payments/review',
    {
      config: { access: { action: 'payments:read' } },
      schema: {
        tags: ['payments'],
        summary: 'Statement credits waiting for a person: suggested matches (ranked candidates) or unmatched',
        querystring: reviewQuery,
        response: { 200: reviewPage, ...errorResponses },
      },
    },
    async (req) => listReviewQueue(deps.db.kysely, req.query),
  );

  app.post(
    '/payments/review/:id/confirm',
    {
      config: { access: { action: 'payments:write' } },
      schema: {
        tags: ['payments'],
        summary: 'Confirm the paying account: books the payment (once) and records who decided',
        params: lineParam,
        body: confirmBody,
        response: { 200: reviewDecision, ...errorResponses, ...conflict },
      },
    },
    async (req) => confirmLine(deps.db.kysely, req.params.id, req.body, actorOf(principalOf(req)), deps.now(), book),
  );

  app.post(
    '/payments/review/:id/reject',
    {
      config: { access: { action: 'payments:write' } },
      schema: {
        tags: ['payments'],
        summary: 'Reject a statement credit as not a debtor payment; nothing is booked',
        params: lineParam,
        body: rejectBody,
        response: { 200: reviewDecision, ...errorResponses, ...conflict },
      },
    },
    async (req) => rejectLine(deps.db.kysely, req.params.id, req.body.note, actorOf(principalOf(req)), deps.now()),
  );
};
