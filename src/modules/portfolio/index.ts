import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app-deps.ts';
import { portfolioRoutes } from './routes.ts';

/** One debtor record: creditors, debtors, accounts and the debtor 360 view. */
export const portfolioModule: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, opts) => {
  await app.register(portfolioRoutes, { deps: opts.deps });
};

export { assignedToPrincipal, debtorAssignedToPrincipal } from './agent-scope.ts';
