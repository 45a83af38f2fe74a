/** Outbox and dispatch: the contact planner (policy at plan time), dispatchers, channel adapters, staff/compliance API. */
export { createContactPlanner } from './planner.ts';
export type { OutboxContactPlanner, ContactPlannerOptions } from './planner.ts';
export { BUILT_IN_POLICY_VERSION, loadPolicyContext } from './policy-context.ts';
export type { PolicyContext } from './policy-context.ts';
