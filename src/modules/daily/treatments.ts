import { sql, type Kysely } from 'kysely';
import { DateTime } from 'luxon';
import type { Database } from '../../db/schema.ts';
import type { TreatmentOutcome } from '../../db/schema-daily.ts';
import type { DueTreatment } from '../../domain/strategy/index.ts';
import type { ContactPlanner, PlannedContact, PlanOutcome } from '../../lib/contact-planner.ts';

/** A planner that may also plan a whole page at once (the send path's does: same rules, a few queries per page). */
export interface BatchContactPlanner extends ContactPlanner {
  planMany?(trx: Kysely<Database>, contacts: readonly PlannedContact[]): Promise<PlanOutcome[]>;
}

/** A treatment the engine found due for one account, with where it applies. */
export interface DecidedTreatment {
  readonly accountId: string;
  readonly debtorId: string;
  readonly zone: string;
  readonly businessDate: string;
  readonly segment: string;
  readonly arm: string;
  readonly treatment: DueTreatment;
}

export interface TreatmentCounts {
  due: number;
  created: number;
  already_done: number;
  contacts_planned: number;
  contacts_blocked: number;
  contacts_duplicate: number;
  contacts_deferred: number;
  tasks: number;
  escalations: number;
}

export const emptyTreatmentCounts = (): TreatmentCounts => ({
  due: 0,
  created: 0,
  already_done: 0,
  contacts_planned: 0,
  contacts_blocked: 0,
  contacts_duplicate: 0,
  contacts_deferred: 0,
  tasks: 0,
  escalations: 0,
});

/** Local working-day start: work items fall due, and messages may leave, from 08:00 in the debtor's zone. */
const WORKDAY_START = '08:00';
const startCache = new Map<string, Date>();
function workdayStart(date: string, zone: string): Date {
  const key = `${date}|${zone}`;
  let d = startCache.get(key);
  if (d === undefined) {
    d = DateTime.fromISO(`${date}T${WORKDAY_START}`, { zone }).toJSDate();
    if (startCache.size > 10_000) startCache.clear();
    startCache.set(key, d);
  }
  return d;
}

interface Applied {
  outcome: TreatmentOutcome;
  outboxId: string | null;
  workItemId: string | null;
  reasons: readonly string[];
}

/**
 * Applies one page's due treatments exactly once, inside the page's transaction: the ledger row (unique key) is
 * claimed first, and only treatments whose key is new go on to create a work item, escalate, or reach the contact
 * planner — so a re-run, a resumed crash or a catch-up day does nothing twice. Without a planner (none wired yet)
 * contacts are recorded as `deferred` in the ledger and nothing is sent.
 */
export async function applyTreatments(
  trx: Kysely<Database>,
  strategyVersion: number,
  decided: readonly DecidedTreatment[],
  planner: BatchContactPlanner | null,
  counts: TreatmentCounts,
): Promise<void> {
  counts.due += decided.length;
  if (decided.length === 0) return;
  const col = <T>(f: (d: DecidedTreatment) => T) => decided.map(f);
  const claimed = await sql<{ idempotency_key: string }>`
    insert into strategy_treatments (idempotency_key, business_date, account_id, debtor_id, strategy_version, segment, arm, step_code, action, outcome)
    select k, bd, acc, deb, ${strategyVersion}::int, seg, arm, step, act, 'deferred'
      from unnest(${col((d) => d.treatment.idempotencyKey)}::text[], ${col((d) => d.businessDate)}::date[], ${col((d) => d.accountId)}::uuid[],
                  ${col((d) => d.debtorId)}::uuid[], ${col((d) => d.segment)}::text[], ${col((d) => d.arm)}::text[],
                  ${col((d) => d.treatment.stepCode)}::text[], ${col((d) => d.treatment.action.type)}::text[]) as u(k, bd, acc, deb, seg, arm, step, act)
    on conflict (idempotency_key) do nothing
    returning idempotency_key`.execute(trx);
  const fresh = new Set(claimed.rows.map((r) => r.idempotency_key));
  counts.created += fresh.size;
  counts.already_done += decided.length - fresh.size;
  const todo = decided.filter((d) => fresh.has(d.treatment.idempotencyKey));
  if (todo.length === 0) return;

  const applied = new Map<string, Applied>();
  const workItems = todo.flatMap((d) => {
    const a = d.treatment.action;
    if (a.type === 'contact') return [];
    return [{ d, kind: a.type === 'task' ? a.kind : 'review', queue: a.queue, priority: a.priority }];
  });
  if (workItems.length > 0) {
    const w = <T>(f: (x: (typeof workItems)[number]) => T) => workItems.map(f);
    const created = await sql<{ id: string; idempotency_key: string }>`
      insert into work_items (idempotency_key, kind, account_id, debtor_id, queue, priority, due_at)
      select * from unnest(${w((x) => x.d.treatment.idempotencyKey)}::text[], ${w((x) => x.kind)}::text[], ${w((x) => x.d.accountId)}::uuid[],
                           ${w((x) => x.d.debtorId)}::uuid[], ${w((x) => x.queue)}::text[], ${w((x) => x.priority)}::int[],
                           ${w((x) => workdayStart(x.d.businessDate, x.d.zone).toISOString())}::timestamptz[])
      on conflict (idempotency_key) do nothing
      returning id, idempotency_key`.execute(trx);
    const ids = new Map(created.rows.map((r) => [r.idempotency_key, r.id]));
    for (const x of workItems) {
      applied.set(x.d.treatment.idempotencyKey, { outcome: 'created', outboxId: null, workItemId: ids.get(x.d.treatment.idempotencyKey) ?? null, reasons: [] });
      if (x.kind === 'review') counts.escalations++;
      else counts.tasks++;
    }
    const escalations = workItems.filter((x) => x.kind === 'review');
    if (escalations.length > 0) {
      // The account's open case moves to the escalation queue (opened if there is none).
      const e = <T>(f: (x: (typeof escalations)[number]) => T) => escalations.map(f);
      await sql`
        insert into cases (account_id, debtor_id, queue, priority)
        select distinct on (acc) acc, deb, q, pr from unnest(${e((x) => x.d.accountId)}::uuid[], ${e((x) => x.d.debtorId)}::uuid[], ${e((x) => x.queue)}::text[], ${e((x) => x.priority)}::int[]) as u(acc, deb, q, pr)
         order by acc, pr desc
        on conflict (account_id) where status = 'open' do update set queue = excluded.queue, priority = greatest(cases.priority, excluded.priority)`.execute(trx);
    }
  }

  const contacts = todo.flatMap((d) => {
    const a = d.treatment.action;
    if (a.type !== 'contact') return [];
    const planned: PlannedContact = {
      idempotencyKey: d.treatment.idempotencyKey,
      debtorId: d.debtorId,
      accountId: d.accountId,
      channel: a.channel,
      purpose: a.purpose,
      templateCode: a.template,
      notBefore: workdayStart(d.businessDate, d.zone),
      strategyVersion,
      treatmentCode: d.treatment.stepCode,
      businessDate: d.businessDate,
    };
    return [planned];
  });
  if (contacts.length > 0 && planner === null) {
    for (const c of contacts) applied.set(c.idempotencyKey, { outcome: 'deferred', outboxId: null, workItemId: null, reasons: [] });
    counts.contacts_deferred += contacts.length;
  } else if (contacts.length > 0 && planner !== null) {
    const outcomes: PlanOutcome[] = [];
    if (planner.planMany) outcomes.push(...(await planner.planMany(trx, contacts)));
    else for (const c of contacts) outcomes.push(await planner.plan(trx, c));
    contacts.forEach((c, i) => {
      const out = outcomes[i];
      if (out === undefined) throw new Error(`the contact planner returned no outcome for ${c.idempotencyKey}`);
      if (out.status === 'pending') counts.contacts_planned++;
      else if (out.status === 'blocked') counts.contacts_blocked++;
      else counts.contacts_duplicate++;
      applied.set(c.idempotencyKey, {
        outcome: out.status === 'pending' ? 'planned' : out.status,
        outboxId: out.outboxId,
        workItemId: null,
        reasons: out.status === 'blocked' ? out.reasons : [],
      });
    });
  }

  const keys = [...applied.keys()];
  const vals = [...applied.values()];
  await sql`
    update strategy_treatments t set outcome = u.outcome, outbox_id = u.outbox_id, work_item_id = u.work_item_id,
           reasons = case when u.reasons = '' then '{}'::text[] else string_to_array(u.reasons, E'\\x1f') end
      from unnest(${keys}::text[], ${vals.map((v) => v.outcome)}::text[], ${vals.map((v) => v.outboxId)}::uuid[],
                  ${vals.map((v) => v.workItemId)}::uuid[], ${vals.map((v) => v.reasons.join('\u001f'))}::text[]) as u(k, outcome, outbox_id, work_item_id, reasons)
     where t.idempotency_key = u.k`.execute(trx);
}
