import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app-deps.ts';
import { principalOf } from '../auth/index.ts';
import { errorResponses } from '../../lib/error-schema.ts';
import type { Actor } from '../audit/index.ts';
import type { FastifyRequest } from 'fastify';
import { createStrategyBody, simulateBody, simulationResult, strategyDetail, strategySummary, validateBody, validationResult, versionParam } from './schema.ts';
import * as service from './service.ts';
import { simulate } from './simulate.ts';

const access = { access: { action: 'strategies:manage' as const } };

function actorOf(req: FastifyRequest): Actor {
  const p = principalOf(req);
  return { id: p.userId, label: p.username };
}

function summary(r: service.StrategyRow): z.infer<typeof strategySummary> {
  return { id: r.id, version: r.version, name: r.name, status: r.status, created_at: r.created_at.toISOString(), activated_at: r.activated_at?.toISOString() ?? null };
}

/** Strategy versions: create (draft), validate, simulate, activate, list, get. */
export const strategiesRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const db = deps.db.kysely;

  app.get(
    '/strategies',
    { config: access, schema: { tags: ['strategies'], summary: 'Strategy versions, newest first', response: { 200: z.object({ items: z.array(strategySummary) }), ...errorResponses } } },
    async () => ({ items: (await service.listStrategies(db)).map(summary) }),
  );

  app.get(
    '/strategies/:version',
    { config: access, schema: { tags: ['strategies'], summary: 'One version with its definition', params: versionParam, response: { 200: strategyDetail, ...errorResponses } } },
    async (req) => {
      const row = await service.getStrategy(db, req.params.version);
      return { ...summary(row), definition: row.definition };
    },
  );

  app.post(
    '/strategies',
    {
      config: access,
      schema: {
        tags: ['strategies'],
        summary: 'Save a new version as a draft',
        description: 'Refused with 400 TAGIH_VALIDATION and every issue (rule, path, message) in details when the definition is invalid.',
        body: createStrategyBody,
        response: { 201: strategyDetail, ...errorResponses },
      },
    },
    async (req, reply) => {
      const row = await service.createDraft(db, actorOf(req), req.body);
      return reply.status(201).send({ ...summary(row), definition: row.definition });
    },
  );

  app.post(
    '/strategies/validate',
    { config: access, schema: { tags: ['strategies'], summary: 'Check a definition without saving it', body: validateBody, response: { 200: validationResult, ...errorResponses } } },
    async (req) => {
      const v = await service.validateDefinition(db, req.body.definition);
      return v.ok ? { ok: true, issues: [] } : { ok: false, issues: [...v.issues] };
    },
  );

  app.post(
    '/strategies/:version/simulate',
    {
      config: access,
      schema: {
        tags: ['strategies'],
        summary: 'What this version would do to the portfolio on a date: counts per segment, arm and treatment, and a sample. Writes nothing.',
        params: versionParam,
        body: simulateBody,
        response: { 200: simulationResult, ...errorResponses },
      },
    },
    async (req) => simulate(db, await service.loadStrategy(db, req.params.version), { date: req.body.date, sampleSize: req.body.sample }),
  );

  app.post(
    '/strategies/:version/activate',
    { config: access, schema: { tags: ['strategies'], summary: 'Make this version the active one (the previous one is retired); audited', params: versionParam, response: { 200: strategyDetail, ...errorResponses } } },
    async (req) => {
      const row = await service.activate(db, actorOf(req), req.params.version, deps.now());
      return { ...summary(row), definition: row.definition };
    },
  );
};
