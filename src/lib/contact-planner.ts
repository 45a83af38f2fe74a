import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { ContactChannel } from '../db/schema-collection.ts';

/** A contact a strategy wants to make; the planner turns it into an outbox row (or a recorded block). */
export interface PlannedContact {
  /** Same key → same outbox row: re-running a day's batch never plans a contact twice. */
  readonly idempotencyKey: string;
  readonly debtorId: string;
  readonly accountId: string;
  readonly channel: ContactChannel;
  readonly purpose: 'reminder' | 'collect' | 'locate';
  readonly templateCode: string;
  /** Earliest send instant; the dispatcher still re-checks the policy when it sends. */
  readonly notBefore: Date;
  readonly strategyVersion: number;
  readonly treatmentCode: string;
  readonly businessDate: string;
}

export type PlanOutcome =
  | { readonly status: 'pending'; readonly outboxId: string }
  | { readonly status: 'blocked'; readonly outboxId: string | null; readonly reasons: readonly string[] }
  | { readonly status: 'duplicate'; readonly outboxId: string };

/**
 * The seam between strategies (what to say, when) and the send path (to whom, whether allowed, how).
 * `plan` runs inside the caller's transaction so the decision and the outbox row commit with the batch step.
 */
export interface ContactPlanner {
  plan(trx: Kysely<Database>, contact: PlannedContact): Promise<PlanOutcome>;
}
