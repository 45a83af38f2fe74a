import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { AllocationComponent } from '../../domain/allocation.ts';
import { DEFAULT_BOOKING_RULES, planBooking, type AccountState, type BookingRules, type ScheduleRow } from '../../domain/booking/plan-booking.ts';
import { isIsoDate, localDateOf } from '../../domain/dates.ts';
import { rupiah, type Rupiah } from '../../domain/money.ts';
import { AppError } from '../../lib/app-error.ts';
import { keyList } from '../../db/key-list.ts';
import { auditMany, type AuditEntry } from '../audit/index.ts';
import { accountStateOf, bookedAuditEntry, bookPayment, type BookedPayment, type BookPaymentInput } from './booking.ts';
import { addSchedulePaid, lockAccounts, schedulePaidKey } from './booking-repo.ts';
import type { BookingEffects } from './effects.ts';

/**
 * Books many payments at once with the same effects as calling `bookPayment` for each, in order — the set-based
 * path for a reconciled statement. In the caller's transaction: locks every account (in id order, so two batches
 * cannot deadlock), reads their schedules and pending promises once, plans each payment with the same pure
 * `planBooking` threading each account's state through its payments in input order (two lines for one account
 * allocate one after the other), then writes everything with a few set-based statements: payments (with the
 * `effects` a reversal needs), allocations, schedule paid columns, accounts' derived state, promises, delinquency
 * history transitions, paid-off case closures and the audit rows. An idempotency key already booked (or repeated in
 * the batch) goes through `bookPayment` afterwards and replays as it would there.
 *
 * Plan progress is not applied here: `bookPaymentsFlow` in `src/flows/` sends accounts with an approved plan through
 * the one-by-one flow.
 */
export async function bookPaymentsBulk(db: Kysely<Database>, inputs: readonly BookPaymentInput[], rules: BookingRules = DEFAULT_BOOKING_RULES): Promise<BookedPayment[]> {
  if (!db.isTransaction) return db.transaction().execute((trx) => bookPaymentsBulk(trx, inputs, rules));
  if (inputs.length === 0) return [];
  for (const input of inputs) {
    if (rupiah(input.amountIdr) <= 0n) throw new AppError('TAGIH_VALIDATION', `payment amount must be positive, got ${input.amountIdr}`);
    if (!isIsoDate(input.valueDate)) throw new AppError('TAGIH_VALIDATION', `valueDate must be YYYY-MM-DD, got '${input.valueDate}'`);
    if (input.idempotencyKey.trim() === '') throw new AppError('TAGIH_VALIDATION', 'idempotencyKey is required');
  }
  const accountIds = [...new Set(inputs.map((i) => i.accountId))].sort();
  const accounts = await lockAccounts(db, accountIds);
  for (const id of accountIds) if (!accounts.has(id)) throw new AppError('TAGIH_NOT_FOUND', `account ${id} not found`);

  // Keys booked before (or twice in this batch) replay through bookPayment once the batch is written.
  const existing = await db
    .selectFrom(keyList(inputs.map((i) => i.idempotencyKey), 'text'))
    .innerJoinLateral((eb) => eb.selectFrom('payments').select('payments.idempotency_key').whereRef('payments.idempotency_key', '=', 'k.k').offset(0).as('p'), (j) => j.onTrue())
    .select('p.idempotency_key')
    .execute();
  const seen = new Set(existing.map((r) => r.idempotency_key));
  const fresh: number[] = [];
  const replays: number[] = [];
  for (const [k, input] of inputs.entries()) {
    if (seen.has(input.idempotencyKey)) replays.push(k);
    else {
      seen.add(input.idempotencyKey);
      fresh.push(k);
    }
  }

  const freshAccounts = [...new Set(fresh.map((k) => inputs[k]!.accountId))];
  const schedules = await loadSchedules(db, freshAccounts);
  const promises = await loadPendingPromises(db, freshAccounts);

  const results: (BookedPayment | null)[] = inputs.map(() => null);
  const state = new Map<string, AccountState>();
  const scheduleDelta = new Map<string, Record<AllocationComponent, bigint>>();
  const promiseFinal = new Map<string, { paid: bigint; status: string; evaluatedAt: Date | null }>();
  const transitions: { k: number; accountId: string; bucket: string; kol: number; on: string }[] = [];
  const paidOff: { k: number; accountId: string; at: Date }[] = [];
  const payments: { k: number; id: string; input: BookPaymentInput; amount: Rupiah; effects: Omit<BookingEffects, 'closedCaseId' | 'delinquencyTransition'>; audit: AuditEntry }[] = [];
  const allocations: { paymentId: string; accountId: string; seq: number | null; component: string; amount: bigint }[] = [];
  const localDates = new Map<string, string>();

  for (const k of fresh) {
    const input = inputs[k]!;
    const amount = rupiah(input.amountIdr);
    const account = accounts.get(input.accountId)!;
    const before = state.get(input.accountId) ?? accountStateOf(account);
    const dateKey = `${account.timezone}|${input.receivedAt.getTime()}`;
    let today = localDates.get(dateKey);
    if (today === undefined) {
      today = localDateOf(input.receivedAt, account.timezone);
      localDates.set(dateKey, today);
    }
    const asOf = before.delinquencyAsOf !== null && before.delinquencyAsOf > today ? before.delinquencyAsOf : today;
    const schedule = schedules.get(input.accountId) ?? [];
    const pending = promises.get(input.accountId) ?? [];
    const plan = planBooking(
      {
        amount,
        valueDate: input.valueDate,
        asOf,
        account: before,
        schedule,
        promises: pending.map((p) => ({ id: p.id, amount: rupiah(p.amount_idr), paid: rupiah(p.paid_idr), promisedDate: p.promised_date, madeOn: localDateOf(p.created_at, account.timezone) })),
      },
      rules,
    );
    const id = randomUUID();
    const after = plan.after;
    state.set(input.accountId, after);

    // The schedule as the next payment on this account sees it.
    if (schedule.length > 0) {
      const bySeq = new Map(schedule.map((r) => [r.seq, r] as const));
      const next = new Map<number, ScheduleRow>();
      for (const a of plan.allocations) {
        if (a.seq === null || a.component === 'credit') continue;
        const row = next.get(a.seq) ?? bySeq.get(a.seq)!;
        next.set(a.seq, { ...row, paid: { ...row.paid, [a.component]: rupiah(row.paid[a.component] + a.amount) } });
        const dk = schedulePaidKey(input.accountId, a.seq);
        const d = scheduleDelta.get(dk) ?? { fee: 0n, penalty: 0n, interest: 0n, principal: 0n };
        d[a.component] += a.amount;
        scheduleDelta.set(dk, d);
      }
      schedules.set(input.accountId, schedule.map((r) => next.get(r.seq) ?? r));
    }
    for (const a of plan.allocations) allocations.push({ paymentId: id, accountId: input.accountId, seq: a.seq, component: a.component, amount: a.amount });

    const promiseEffects = plan.promises.map((c) => {
      const p = pending.find((x) => x.id === c.id)!;
      return { id: c.id, applied: c.applied.toString(), statusBefore: p.status, paidBefore: p.paid_idr.toString(), evaluatedAtBefore: p.evaluated_at?.toISOString() ?? null };
    });
    if (plan.promises.length > 0) {
      const still: PendingPromiseRow[] = [];
      for (const p of pending) {
        const c = plan.promises.find((x) => x.id === p.id);
        if (c === undefined) {
          still.push(p);
          continue;
        }
        const evaluatedAt = c.statusAfter === 'pending' ? p.evaluated_at : input.receivedAt;
        promiseFinal.set(p.id, { paid: c.paidAfter, status: c.statusAfter, evaluatedAt });
        if (c.statusAfter === 'pending') still.push({ ...p, paid_idr: c.paidAfter, evaluated_at: evaluatedAt });
      }
      promises.set(input.accountId, still);
    }
    if (after.bucket !== before.bucket || after.kol !== before.kol) transitions.push({ k, accountId: input.accountId, bucket: after.bucket, kol: after.kol, on: asOf });
    if (plan.paidOff) paidOff.push({ k, accountId: input.accountId, at: input.receivedAt });

    const applied = plan.allocations.filter((a) => a.component !== 'credit').reduce((s, a) => s + a.amount, 0n);
    const creditAdded = (after.creditBalance - before.creditBalance).toString();
    payments.push({
      k,
      id,
      input,
      amount,
      effects: {
        version: 1,
        before: { ...before, outstanding: before.outstanding.toString(), creditBalance: before.creditBalance.toString() },
        outstandingReduced: (before.outstanding - after.outstanding).toString(),
        creditAdded,
        promises: promiseEffects,
      },
      audit: bookedAuditEntry(id, input, { amount, applied, creditAdded, plan, before, after }),
    });
    results[k] = { paymentId: id, replayed: false, accountId: input.accountId, amountIdr: amount, allocations: plan.allocations, paidOff: plan.paidOff };
  }

  const transitionIds = await writeTransitions(db, transitions);
  const closedCases = await closePaidOffCases(db, paidOff);
  await insertPayments(
    db,
    payments.map((p) => ({ ...p, effects: { ...p.effects, closedCaseId: closedCases.get(p.k) ?? null, delinquencyTransition: transitionIds.get(p.k) ?? null } })),
  );
  await insertAllocations(db, allocations);
  await addSchedulePaid(db, scheduleDelta);
  await updateAccounts(db, state);
  await updatePromises(db, promiseFinal);
  await auditMany(db, payments.map((p) => p.audit));

  for (const k of replays) results[k] = await bookPayment(db, inputs[k]!, rules);
  return results as BookedPayment[];
}

async function loadSchedules(db: Kysely<Database>, accountIds: readonly string[]): Promise<Map<string, ScheduleRow[]>> {
  const out = new Map<string, ScheduleRow[]>();
  if (accountIds.length === 0) return out;
  const rows = await db
    .selectFrom(keyList(accountIds, 'uuid'))
    .innerJoinLateral((eb) => eb.selectFrom('account_schedule').selectAll().whereRef('account_schedule.account_id', '=', 'k.k').offset(0).as('s'), (j) => j.onTrue())
    .selectAll('s')
    .orderBy('s.account_id')
    .orderBy('s.seq')
    .execute();
  for (const r of rows) {
    const list = out.get(r.account_id) ?? [];
    list.push({
      seq: r.seq,
      dueDate: r.due_date,
      due: { fee: rupiah(r.fee_due), penalty: rupiah(r.penalty_due), interest: rupiah(r.interest_due), principal: rupiah(r.principal_due) },
      paid: { fee: rupiah(r.fee_paid), penalty: rupiah(r.penalty_paid), interest: rupiah(r.interest_paid), principal: rupiah(r.principal_paid) },
    });
    out.set(r.account_id, list);
  }
  return out;
}

interface PendingPromiseRow {
  id: string;
  account_id: string;
  amount_idr: bigint;
  paid_idr: bigint;
  promised_date: string;
  status: string;
  evaluated_at: Date | null;
  created_at: Date;
}

async function loadPendingPromises(db: Kysely<Database>, accountIds: readonly string[]): Promise<Map<string, PendingPromiseRow[]>> {
  const out = new Map<string, PendingPromiseRow[]>();
  if (accountIds.length === 0) return out;
  // Locked per account in account id order (the order every booking locks in), each account's promises by id.
  const rows = await db
    .selectFrom(keyList(accountIds, 'uuid'))
    .innerJoinLateral(
      (eb) =>
        eb
          .selectFrom('promises_to_pay')
          .select(['id', 'account_id', 'amount_idr', 'paid_idr', 'promised_date', 'status', 'evaluated_at', 'created_at'])
          .whereRef('promises_to_pay.account_id', '=', 'k.k')
          .where('status', '=', 'pending')
          .orderBy('id')
          .forUpdate()
          .as('p'),
      (j) => j.onTrue(),
    )
    .selectAll('p')
    .orderBy('p.account_id')
    .orderBy('p.id')
    .execute();
  for (const r of rows) {
    const list = out.get(r.account_id) ?? [];
    list.push(r);
    out.set(r.account_id, list);
  }
  return out;
}

/**
 * Delinquency history moves, in rounds: round r holds each account's r-th move of the batch, so an account moved
 * twice lifts the row its first move opened, as two `bookPayment` calls would.
 */
async function writeTransitions(
  db: Kysely<Database>,
  transitions: readonly { k: number; accountId: string; bucket: string; kol: number; on: string }[],
): Promise<Map<number, { liftedId: string | null; openedId: string }>> {
  const out = new Map<number, { liftedId: string | null; openedId: string }>();
  const rounds: (typeof transitions)[number][][] = [];
  const count = new Map<string, number>();
  for (const t of transitions) {
    const r = count.get(t.accountId) ?? 0;
    count.set(t.accountId, r + 1);
    (rounds[r] ??= []).push(t);
  }
  for (const round of rounds) {
    const acc = round.map((t) => t.accountId);
    const lifted = await sql<{ id: string; account_id: string }>`
      update delinquency_history h set lifted_on = d.on_date
        from unnest(${acc}::uuid[], ${round.map((t) => t.on)}::date[]) as d(account_id, on_date)
       where h.account_id = d.account_id and h.lifted_on is null
      returning h.id::text as id, h.account_id`.execute(db);
    const liftedBy = new Map<string, string>();
    for (const r of lifted.rows) if (!liftedBy.has(r.account_id)) liftedBy.set(r.account_id, r.id);
    const opened = await sql<{ id: string; account_id: string }>`
      insert into delinquency_history (account_id, bucket, kol, added_on)
      select d.account_id, d.bucket, d.kol, d.on_date
        from unnest(${acc}::uuid[], ${round.map((t) => t.bucket)}::text[], ${round.map((t) => t.kol)}::smallint[], ${round.map((t) => t.on)}::date[])
             with ordinality as d(account_id, bucket, kol, on_date, n)
       order by d.n
      returning id::text as id, account_id`.execute(db);
    const openedBy = new Map(opened.rows.map((r) => [r.account_id, r.id] as const));
    for (const t of round) out.set(t.k, { liftedId: liftedBy.get(t.accountId) ?? null, openedId: openedBy.get(t.accountId)! });
  }
  return out;
}

async function closePaidOffCases(db: Kysely<Database>, paidOff: readonly { k: number; accountId: string; at: Date }[]): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  if (paidOff.length === 0) return out;
  const closed = await sql<{ id: string; account_id: string }>`
    update cases c set status = 'closed', closed_at = d.at, close_reason = 'paid_off'
      from unnest(${paidOff.map((p) => p.accountId)}::uuid[], ${paidOff.map((p) => p.at.toISOString())}::timestamptz[]) as d(account_id, at)
     where c.account_id = d.account_id and c.status = 'open'
    returning c.id, c.account_id`.execute(db);
  const byAccount = new Map(closed.rows.map((r) => [r.account_id, r.id] as const));
  for (const p of paidOff) {
    const id = byAccount.get(p.accountId);
    if (id !== undefined) out.set(p.k, id);
  }
  return out;
}

async function insertPayments(db: Kysely<Database>, rows: readonly { id: string; input: BookPaymentInput; amount: Rupiah; effects: BookingEffects }[]): Promise<void> {
  if (rows.length === 0) return;
  const col = <T>(f: (r: (typeof rows)[number]) => T) => rows.map(f);
  await sql`
    insert into payments (id, account_id, amount_idr, paid_at, value_date, channel, source, external_ref, idempotency_key, effects)
    select * from unnest(${col((r) => r.id)}::uuid[], ${col((r) => r.input.accountId)}::uuid[], ${col((r) => r.amount.toString())}::bigint[],
                         ${col((r) => r.input.receivedAt.toISOString())}::timestamptz[], ${col((r) => r.input.valueDate)}::date[],
                         ${col((r) => r.input.channel ?? r.input.source)}::text[], ${col((r) => r.input.source)}::text[], ${col((r) => r.input.reference)}::text[],
                         ${col((r) => r.input.idempotencyKey)}::text[], ${col((r) => JSON.stringify(r.effects))}::jsonb[])`.execute(db);
}

async function insertAllocations(db: Kysely<Database>, rows: readonly { paymentId: string; accountId: string; seq: number | null; component: string; amount: bigint }[]): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    insert into payment_allocations (payment_id, account_id, schedule_seq, component, amount_idr)
    select a.payment_id, a.account_id, a.seq, a.component, a.amount
      from unnest(${rows.map((r) => r.paymentId)}::uuid[], ${rows.map((r) => r.accountId)}::uuid[], ${rows.map((r) => r.seq)}::int[],
                  ${rows.map((r) => r.component)}::text[], ${rows.map((r) => r.amount.toString())}::bigint[])
           with ordinality as a(payment_id, account_id, seq, component, amount, n)
     order by a.n`.execute(db);
}

async function updateAccounts(db: Kysely<Database>, state: ReadonlyMap<string, AccountState>): Promise<void> {
  if (state.size === 0) return;
  const ids = [...state.keys()];
  const col = <T>(f: (s: AccountState) => T) => ids.map((id) => f(state.get(id)!));
  await sql`
    update accounts a
       set outstanding_idr = d.outstanding, credit_balance_idr = d.credit, oldest_unpaid_due_date = d.oldest, dpd = d.dpd,
           bucket = d.bucket, kol = d.kol, delinquency_as_of = d.as_of, status = d.status, updated_at = now()
      from unnest(${ids}::uuid[], ${col((s) => s.outstanding.toString())}::bigint[], ${col((s) => s.creditBalance.toString())}::bigint[],
                  ${col((s) => s.oldestUnpaidDueDate)}::date[], ${col((s) => s.dpd)}::int[], ${col((s) => s.bucket)}::text[], ${col((s) => s.kol)}::smallint[],
                  ${col((s) => s.delinquencyAsOf)}::date[], ${col((s) => s.status)}::text[])
           as d(id, outstanding, credit, oldest, dpd, bucket, kol, as_of, status)
     where a.id = d.id`.execute(db);
}

async function updatePromises(db: Kysely<Database>, final: ReadonlyMap<string, { paid: bigint; status: string; evaluatedAt: Date | null }>): Promise<void> {
  if (final.size === 0) return;
  const ids = [...final.keys()];
  const col = <T>(f: (p: { paid: bigint; status: string; evaluatedAt: Date | null }) => T) => ids.map((id) => f(final.get(id)!));
  await sql`
    update promises_to_pay p set paid_idr = d.paid, status = d.status, evaluated_at = d.evaluated_at
      from unnest(${ids}::uuid[], ${col((p) => p.paid.toString())}::bigint[], ${col((p) => p.status)}::text[], ${col((p) => p.evaluatedAt?.toISOString() ?? null)}::timestamptz[])
           as d(id, paid, status, evaluated_at)
     where p.id = d.id`.execute(db);
}
