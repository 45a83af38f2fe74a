import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app-deps.ts';
import { strategiesRoutes } from './routes.ts';

/** Collection strategies as versioned data: admin API (create, validate, simulate, activate) and what the daily batch reads. */
export const strategiesModule: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, opts) => {
  await app.register(strategiesRoutes, { deps: opts.deps });
};

export { ensureDefaultStrategy, loadActiveStrategy, loadStrategy, activate as activateStrategy, createDraft as createStrategyDraft } from './service.ts';
export { simulate, type SimulationResult } from './simulate.ts';
export { factsCtes, inPageRange, FACTS_SELECT, FACTS_FROM, toAccountFacts, readFactsPage, pageKeys, withoutJit, bucketCaseSql, kolCaseSql, type FactsRow, type FactsPage } from './facts-sql.ts';
