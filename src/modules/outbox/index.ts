import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app-deps.ts';
import { outboxRoutes } from './routes.ts';
import { webhookRoutes } from './webhook-routes.ts';

/** Outbox and dispatch: the contact planner, dispatchers, channel adapters, staff/compliance API, policy admin, provider webhooks. */
export const outboxModule: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  await app.register(outboxRoutes, { deps });
  await app.register(webhookRoutes, { deps });
};

export { createContactPlanner } from './planner.ts';
export type { OutboxContactPlanner, ContactPlannerOptions } from './planner.ts';
export { BUILT_IN_POLICY_VERSION, loadPolicyContext } from './policy-context.ts';
export type { PolicyContext } from './policy-context.ts';
export { runDispatchers, startBackgroundDispatchers } from './workers.ts';
