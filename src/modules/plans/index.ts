import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app-deps.ts';
import { checkedPolicy, DEFAULT_PLAN_POLICY, type PlanPolicy } from './policy.ts';
import { planRoutes } from './routes.ts';

/**
 * Payment plans (restrukturisasi) and settlements (pelunasan with discount). Registered by app.ts under
 * `/api/v1`; the portal, assistant and strategies propose through `proposePlan`, the payment flow calls
 * `applyPlanProgress` (via `bookPaymentFlow`, src/flows/), the daily batch calls `markPlanBreaches` (via `dailySteps`).
 */
export const plansModule: FastifyPluginAsyncZod<{ deps: AppDeps; policy?: PlanPolicy }> = async (app, { deps, policy }) => {
  await app.register(planRoutes, { deps, policy: checkedPolicy(policy ?? DEFAULT_PLAN_POLICY) });
};

export { proposePlan, approvePlan, rejectPlan, applyPlanProgress, accountsWithApprovedPlan, markPlanBreaches, planApprovedAfter, type ProposePlanInput } from './service.ts';
export { DEFAULT_PLAN_POLICY, checkedPolicy, type PlanPolicy } from './policy.ts';
