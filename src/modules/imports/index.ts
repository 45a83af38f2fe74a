import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app-deps.ts';
import { importRoutes } from './routes.ts';

export { importAccounts, type ImportResult } from './service.ts';

/** Portfolio import from the lender's core system: CSV over the CLI and the API. */
export const importsModule: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  await app.register(importRoutes, { deps });
};
