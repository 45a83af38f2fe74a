import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app-deps.ts';
import { rupiah } from '../../domain/money.ts';
import { errorResponses } from '../../lib/error-schema.ts';
import { principalOf } from '../auth/index.ts';
import type { PlanPolicy } from './policy.ts';
import { accountParam, decision, newPlan, planOut, planParam } from './schema.ts';
import * as service from './service.ts';

const withConflict = { ...errorResponses, 409: errorResponses[400] } as const;

/** Restructuring plans and discounted settlements: propose, decide within role limits, list. */
export const planRoutes: FastifyPluginAsyncZod<{ deps: AppDeps; policy: PlanPolicy }> = async (app, { deps, policy }) => {
  app.post(
    '/accounts/:id/plans',
    {
      config: { access: { action: 'plans:propose' } },
      schema: {
        tags: ['plans'],
        summary: 'Propose a restructuring plan or a discounted settlement (checked against the plan policy)',
        description: 'A broken rule answers 400 with details [{field, message}] naming each one.',
        params: accountParam,
        body: newPlan,
        response: { 201: planOut, ...withConflict },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const out = await service.proposePlan(deps, policy, principalOf(req), req.params.id, {
        kind: b.kind,
        source: b.source,
        discount: rupiah(BigInt(b.discount_idr)),
        instalments: b.instalments,
        firstPayment: b.first_payment_idr !== undefined ? rupiah(BigInt(b.first_payment_idr)) : undefined,
        firstDueDate: b.first_due_date,
        note: b.note,
      });
      return reply.status(201).send(out);
    },
  );

  app.get(
    '/accounts/:id/plans',
    {
      config: { access: { action: 'payments:read' } },
      schema: { tags: ['plans'], summary: "The account's plans and settlements, newest first, with schedules", params: accountParam, response: { 200: z.object({ items: z.array(planOut) }), ...errorResponses } },
    },
    async (req) => service.listPlans(deps, principalOf(req), req.params.id),
  );

  app.get(
    '/plans/:id',
    { config: { access: { action: 'payments:read' } }, schema: { tags: ['plans'], summary: 'One plan with its schedule', params: planParam, response: { 200: planOut, ...errorResponses } } },
    async (req) => service.getPlan(deps, principalOf(req), req.params.id),
  );

  app.post(
    '/plans/:id/approve',
    {
      config: { access: { action: 'plans:approve' } },
      schema: {
        tags: ['plans'],
        summary: "Approve within the role's discount limit; the plan replaces the account's forward schedule",
        params: planParam,
        body: decision,
        response: { 200: planOut, ...withConflict },
      },
    },
    async (req) => service.approvePlan(deps, policy, principalOf(req), req.params.id, req.body.reason),
  );

  app.post(
    '/plans/:id/reject',
    {
      config: { access: { action: 'plans:approve' } },
      schema: { tags: ['plans'], summary: 'Reject a proposal (same authority as approving it)', params: planParam, body: decision, response: { 200: planOut, ...withConflict } },
    },
    async (req) => service.rejectPlan(deps, policy, principalOf(req), req.params.id, req.body.reason),
  );
};
