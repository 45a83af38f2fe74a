import type { AppDeps } from '../../app-deps.ts';
import type { ContactPlanner } from '../../lib/contact-planner.ts';

/**
 * The contact planner the daily batch uses in production. Until the send path's planner (policy check, decision
 * log, outbox row) is wired here, contacts are recorded in the treatment ledger as `deferred` and nothing is sent.
 */
export function productionPlanner(_deps: AppDeps): ContactPlanner | null {
  return null;
}
