import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app-deps.ts';
import { errorBody, errorResponses } from '../../lib/error-schema.ts';
import { actorOf, principalOf } from '../auth/index.ts';
import * as admin from './policy-admin.ts';
import * as queries from './query-service.ts';
import { reviewUnknownOutcome } from './review.ts';
import { decisionItem, holidayBody, holidayDateParam, holidayOverride, listDecisionsQuery, listOutboxQuery, newPolicyBody, outboxIdParam, outboxItem, page, reviewBody, policyVersion, versionParam } from './schema.ts';

const withConflict = { ...errorResponses, 409: errorBody };

export const outboxRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  app.get(
    '/outbox',
    {
      config: { access: { action: 'outbox:read' } },
      schema: { tags: ['outbox'], summary: 'Outbox messages, newest first (filters: status, channel, debtor; cursor pagination)', querystring: listOutboxQuery, response: { 200: page(outboxItem), ...errorResponses } },
    },
    async (req) => queries.listOutbox(deps, req.query),
  );

  app.post(
    '/outbox/:id/review',
    {
      config: { access: { action: 'outbox:review' } },
      schema: {
        tags: ['outbox'],
        summary: 'Resolve a send whose outcome is unknown (list them with ?review=needed): confirmed sent, resend through the policy check, or drop — audited',
        params: outboxIdParam,
        body: reviewBody,
        response: { 200: outboxItem, ...withConflict },
      },
    },
    async (req) => reviewUnknownOutcome(deps, actorOf(principalOf(req)), req.params.id, req.body),
  );

  app.get(
    '/contact-decisions',
    {
      config: { access: { action: 'outbox:read' } },
      schema: { tags: ['outbox'], summary: 'Contact-policy decisions with reasons, newest first', querystring: listDecisionsQuery, response: { 200: page(decisionItem), ...errorResponses } },
    },
    async (req) => queries.listDecisions(deps, req.query),
  );

  app.get(
    '/contact-policies',
    {
      config: { access: { action: 'policy:manage' } },
      schema: { tags: ['contact-policy'], summary: 'Contact-policy versions (the built-in ID OJK preset applies while none is active)', response: { 200: z.object({ items: z.array(policyVersion) }), ...errorResponses } },
    },
    async () => admin.listPolicies(deps),
  );

  app.post(
    '/contact-policies',
    {
      config: { access: { action: 'policy:manage' } },
      schema: { tags: ['contact-policy'], summary: 'Save a draft version; refused with every offending field and reason', body: newPolicyBody, response: { 201: policyVersion, ...withConflict } },
    },
    async (req, reply) => reply.status(201).send(await admin.createDraft(deps, actorOf(principalOf(req)), req.body)),
  );

  app.post(
    '/contact-policies/:version/activate',
    {
      config: { access: { action: 'policy:manage' } },
      schema: { tags: ['contact-policy'], summary: 'Put a version in force (audited); the previous one is retired', params: versionParam, response: { 200: policyVersion, ...withConflict } },
    },
    async (req) => admin.activatePolicy(deps, actorOf(principalOf(req)), req.params.version),
  );

  app.get(
    '/holiday-overrides',
    {
      config: { access: { action: 'policy:manage' } },
      schema: { tags: ['contact-policy'], summary: 'Admin corrections to the national holiday calendar (cuti bersama…)', response: { 200: z.object({ items: z.array(holidayOverride) }), ...errorResponses } },
    },
    async () => admin.listHolidayOverrides(deps),
  );

  app.put(
    '/holiday-overrides/:date',
    {
      config: { access: { action: 'policy:manage' } },
      schema: { tags: ['contact-policy'], summary: 'Add or replace the override of one date (audited)', params: holidayDateParam, body: holidayBody, response: { 200: holidayOverride, ...errorResponses } },
    },
    async (req) => admin.putHolidayOverride(deps, actorOf(principalOf(req)), req.params.date, req.body),
  );

  app.delete(
    '/holiday-overrides/:date',
    {
      config: { access: { action: 'policy:manage' } },
      schema: { tags: ['contact-policy'], summary: 'Remove the override of one date (audited)', params: holidayDateParam, response: { 204: z.null(), ...errorResponses } },
    },
    async (req, reply) => {
      await admin.deleteHolidayOverride(deps, actorOf(principalOf(req)), req.params.date);
      return reply.status(204).send(null);
    },
  );
};
