import type { Insertable, Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { OutboxMessagesTable } from '../../db/schema-collection.ts';
import type { ContactPlanner, PlannedContact, PlanOutcome } from '../../lib/contact-planner.ts';
import { decideContact, historySince, type SendDecision } from './decide.ts';
import { loadDebtorContexts } from './debtor-context.ts';
import { loadPolicyContext } from './policy-context.ts';
import { existingOutboxKeys, insertDecisions, insertOutboxRows, type DecisionRow } from './planner-repo.ts';

/** The planner the daily batch uses: `plan` for one contact, `planMany` for a page (same rules, few queries). */
export interface OutboxContactPlanner extends ContactPlanner {
  /** Plans a page of contacts in order; outcomes are in input order. Runs inside the caller's transaction. */
  planMany(trx: Kysely<Database>, contacts: readonly PlannedContact[]): Promise<PlanOutcome[]>;
}

export interface ContactPlannerOptions {
  /** The clock (the batch's business instant in simulations). A contact is never planned before it. */
  readonly now: () => Date;
}

interface Fresh {
  readonly index: number;
  readonly contact: PlannedContact;
  readonly decision: SendDecision;
  readonly row: Insertable<OutboxMessagesTable>;
}

/** What the decision makes of the outbox row: due at once, moved to when the policy allows, or blocked for good. */
function outboxRow(contact: PlannedContact, decision: SendDecision, at: Date, language: string): Insertable<OutboxMessagesTable> {
  const deferred = !decision.allowed && decision.nextAllowedAt !== null;
  const blocked = !decision.allowed && decision.nextAllowedAt === null;
  return {
    idempotency_key: contact.idempotencyKey,
    debtor_id: contact.debtorId,
    account_id: contact.accountId,
    contact_id: decision.contactId,
    channel: contact.channel,
    purpose: contact.purpose,
    template_code: contact.templateCode,
    language,
    subject: null,
    // Rendered at send time from the account as it then is (amount, due date), after the re-check.
    body: '',
    status: blocked ? 'blocked' : 'pending',
    not_before: deferred ? decision.nextAllowedAt! : at,
    block_reasons: blocked ? [...decision.reasons] : [],
    strategy_version: contact.strategyVersion,
    treatment_code: contact.treatmentCode,
    business_date: contact.businessDate,
  };
}

/**
 * The real ContactPlanner (src/lib/contact-planner.ts). For each planned contact it chooses the
 * debtor's contact point for the channel, evaluates the active contact policy at
 * max(notBefore, now) against the debtor's opt-outs, consents, holds and contact history (including
 * contacts planned earlier in the same page), records the decision in `contact_decisions` (stage
 * 'plan'), and writes the outbox row in the caller's transaction:
 *
 * - allowed → `pending` at that instant;
 * - blocked only by time or frequency → `pending` with `not_before` moved to `next_allowed_at`;
 * - blocked by a standing rule (opt-out, hold, third party, no consent, no contact point) →
 *   `blocked` with `block_reasons`, so the block is visible and a re-run stays a duplicate;
 * - an idempotency key already planned → `duplicate`, nothing written (no second decision either).
 *
 * @example await db.transaction().execute((trx) => planner.planMany(trx, contacts))
 */
export function createContactPlanner(options: ContactPlannerOptions): OutboxContactPlanner {
  async function planMany(trx: Kysely<Database>, contacts: readonly PlannedContact[]): Promise<PlanOutcome[]> {
    if (contacts.length === 0) return [];
    const outcomes: (PlanOutcome | undefined)[] = new Array<PlanOutcome | undefined>(contacts.length);
    const existing = await existingOutboxKeys(trx, contacts.map((c) => c.idempotencyKey));
    const seenInPage = new Map<string, number>();
    const todo: { index: number; contact: PlannedContact; at: Date }[] = [];
    const now = options.now();
    contacts.forEach((contact, index) => {
      const prior = existing.get(contact.idempotencyKey);
      if (prior !== undefined) outcomes[index] = { status: 'duplicate', outboxId: prior };
      else if (seenInPage.has(contact.idempotencyKey)) return; // resolved after the insert
      else {
        seenInPage.set(contact.idempotencyKey, index);
        todo.push({ index, contact, at: new Date(Math.max(contact.notBefore.getTime(), now.getTime())) });
      }
    });

    const fresh: Fresh[] = [];
    if (todo.length > 0) {
      const policy = await loadPolicyContext(trx);
      const since = historySince(new Date(Math.min(...todo.map((t) => t.at.getTime()))));
      const debtors = await loadDebtorContexts(trx, todo.map((t) => t.contact.debtorId), { since, countPlanned: true });
      for (const { index, contact, at } of todo) {
        const debtor = debtors.get(contact.debtorId);
        const decision = decideContact(policy, debtor, contact.channel, contact.purpose, at);
        const row = outboxRow(contact, decision, at, debtor?.language ?? 'id');
        // Later contacts of this page count this one, so a batch cannot plan past a cap.
        if (row.status === 'pending') debtor?.history.push({ at: decision.nextAllowedAt ?? at, channel: contact.channel, outcome: 'sent', purpose: contact.purpose });
        fresh.push({ index, contact, decision, row });
      }
      const inserted = await insertOutboxRows(trx, fresh.map((f) => f.row));
      const decisions: DecisionRow[] = [];
      const raced: Fresh[] = [];
      for (const f of fresh) {
        const outboxId = inserted.get(f.contact.idempotencyKey);
        if (outboxId === undefined) {
          raced.push(f);
          continue;
        }
        decisions.push({
          decided_at: now,
          debtor_id: f.contact.debtorId,
          account_id: f.contact.accountId,
          contact_id: f.decision.contactId,
          channel: f.contact.channel,
          purpose: f.contact.purpose,
          allowed: f.decision.allowed,
          reasons: [...f.decision.reasons],
          next_allowed_at: f.decision.nextAllowedAt,
          policy_version: policy.version,
          stage: 'plan',
          outbox_id: outboxId,
        });
        outcomes[f.index] =
          f.row.status === 'blocked' ? { status: 'blocked', outboxId, reasons: f.decision.reasons } : { status: 'pending', outboxId };
      }
      await insertDecisions(trx, decisions);
      if (raced.length > 0) {
        // Another planner committed the same key between our check and our insert.
        const winners = await existingOutboxKeys(trx, raced.map((f) => f.contact.idempotencyKey));
        for (const f of raced) outcomes[f.index] = { status: 'duplicate', outboxId: winners.get(f.contact.idempotencyKey) ?? '' };
      }
    }
    // Repeats of a key within the page are duplicates of its first occurrence.
    return contacts.map((contact, index) => {
      const own = outcomes[index];
      if (own) return own;
      const first = outcomes[seenInPage.get(contact.idempotencyKey) ?? -1];
      return { status: 'duplicate', outboxId: first?.outboxId ?? '' } satisfies PlanOutcome;
    });
  }

  return {
    planMany,
    async plan(trx, contact) {
      const [outcome] = await planMany(trx, [contact]);
      return outcome!;
    },
  };
}
