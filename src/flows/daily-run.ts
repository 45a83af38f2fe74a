import type { AppDeps } from '../app-deps.ts';
import type { DailyStep } from '../modules/daily/index.ts';
import { DEFAULT_PLAN_POLICY, markPlanBreaches, type PlanPolicy } from '../modules/plans/index.ts';

/**
 * The other modules' steps of the daily batch, in order. Plans first: a plan paid in full is completed (a paid
 * settlement closes its account) and a plan past grace is marked breached — before the account pass, so the
 * strategy sees today's plan standing (a plan in force stops collection as `hardship_plan`; a breached one
 * does not, and the account is treated again).
 */
export function dailySteps(deps: AppDeps, policy: PlanPolicy = DEFAULT_PLAN_POLICY): DailyStep[] {
  return [{ name: 'plans', run: (at) => markPlanBreaches(deps, policy, at) }];
}
