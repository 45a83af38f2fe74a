import { createContactPlanner } from '../outbox/index.ts';
import type { BatchContactPlanner } from './treatments.ts';

/**
 * The contact planner the daily batch uses: the send path's (policy check at plan time, decision recorded in
 * `contact_decisions`, outbox row in the page's transaction). Its clock is the run's instant, so a run for
 * `--at` plans contacts as of that instant, never before it.
 */
export function productionPlanner(at: Date): BatchContactPlanner {
  return createContactPlanner({ now: () => at });
}
