import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app-deps.ts';
import { principalOf, purposeOf } from '../auth/index.ts';
import { errorResponses } from '../../lib/error-schema.ts';
import * as service from './service.ts';
import { accountDetail, accountSummary, debtor360, debtorSummary, idParam, listAccountsQuery, listDebtorsQuery, newInteraction, page } from './schema.ts';

export const portfolioRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  app.get(
    '/creditors',
    {
      config: { access: { action: 'portfolio:read' } },
      schema: { tags: ['portfolio'], summary: 'Portfolio owners', response: { 200: z.object({ items: z.array(z.object({ id: z.string(), code: z.string(), name: z.string(), accounts: z.number().int() })) }), ...errorResponses } },
    },
    async () => ({ items: await service.listCreditors(deps) }),
  );

  app.get(
    '/accounts',
    {
      config: { access: { action: 'portfolio:read' } },
      schema: {
        tags: ['portfolio'],
        summary: 'Accounts, worst DPD first; filter by bucket, Kol, DPD range, zone, creditor, status or assigned agent',
        querystring: listAccountsQuery,
        response: { 200: page(accountSummary), ...errorResponses },
      },
    },
    async (req) => service.listAccounts(deps, principalOf(req), req.query),
  );

  app.get(
    '/accounts/:id',
    {
      config: { access: { action: 'portfolio:read' } },
      schema: { tags: ['portfolio'], summary: 'One account with schedule, payments and delinquency history', params: idParam, response: { 200: accountDetail, ...errorResponses } },
    },
    async (req) => service.getAccount(deps, principalOf(req), req.params.id),
  );

  app.get(
    '/debtors',
    {
      config: { access: { action: 'portfolio:read' } },
      schema: { tags: ['portfolio'], summary: 'Debtors by name, reference, or exact phone/NIK', querystring: listDebtorsQuery, response: { 200: page(debtorSummary), ...errorResponses } },
    },
    async (req) => service.listDebtors(deps, principalOf(req), req.query),
  );

  app.get(
    '/debtors/:id',
    {
      config: { access: { action: 'portfolio:read' } },
      schema: {
        tags: ['portfolio'],
        summary: 'Debtor 360: profile, contacts, addresses, accounts, schedules, payments, interactions and one timeline',
        description: 'PII is masked unless the role may read it. Unmasked reads are audited with the purpose given in the X-Tagih-Purpose header.',
        params: idParam,
        headers: z.object({ 'x-tagih-purpose': z.string().max(200).optional() }),
        response: { 200: debtor360, ...errorResponses },
      },
    },
    async (req) => service.getDebtor360(deps, principalOf(req), req.params.id, purposeOf(req)),
  );

  app.post(
    '/debtors/:id/interactions',
    {
      config: { access: { action: 'interactions:write' } },
      schema: {
        tags: ['portfolio'],
        summary: 'Log an interaction (call outcome, visit, message) on the debtor timeline',
        params: idParam,
        body: newInteraction,
        response: { 201: debtor360.shape.interactions.element, ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await service.logInteraction(deps, principalOf(req), req.params.id, req.body)),
  );
};
