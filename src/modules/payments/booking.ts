import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { PaymentSource } from '../../db/schema-payments.ts';
import { DEFAULT_BOOKING_RULES, planBooking, type AccountState, type BookingRules, type PlannedAllocation } from '../../domain/booking/plan-booking.ts';
import { isIsoDate, localDateOf } from '../../domain/dates.ts';
import { isKol } from '../../domain/kol.ts';
import { rupiah, type Rupiah } from '../../domain/money.ts';
import { AppError } from '../../lib/app-error.ts';
import { audit, SYSTEM_ACTOR, type Actor, type AuditEntry } from '../audit/index.ts';
import { adjustSchedulePaid, loadPendingPromises, loadSchedule, lockAccount, transitionDelinquency, writeAccountState } from './booking-repo.ts';
import type { BookingEffects } from './effects.ts';

export interface BookPaymentInput {
  readonly accountId: string;
  readonly amountIdr: Rupiah | bigint;
  /** Business date the money counts on (`YYYY-MM-DD`, e.g. the statement value date). */
  readonly valueDate: string;
  /** When Tagih learned of the money (gateway notification, statement import). */
  readonly receivedAt: Date;
  readonly source: PaymentSource;
  /** External reference (bank reference, gateway order id); shown to people, not used for idempotency. */
  readonly reference: string | null;
  /** Unique per real-world payment: a replay with the same key returns the payment already booked. */
  readonly idempotencyKey: string;
  /** Payment channel as reported (`virtual_account`, `qris`…); defaults to the source. */
  readonly channel?: string;
  readonly actor?: Actor;
}

export interface BookedPayment {
  readonly paymentId: string;
  /** true when the idempotency key was already booked: nothing changed this time. */
  readonly replayed: boolean;
  readonly accountId: string;
  readonly amountIdr: Rupiah;
  readonly allocations: readonly PlannedAllocation[];
  readonly paidOff: boolean;
}

/** The account fields a booking reads, as the planner's state. */
export function accountStateOf(row: {
  outstanding_idr: bigint;
  credit_balance_idr: bigint;
  oldest_unpaid_due_date: string | null;
  dpd: number;
  bucket: string;
  kol: number;
  delinquency_as_of: string | null;
  status: string;
}): AccountState {
  if (!isKol(row.kol)) throw new Error(`account has invalid Kol ${row.kol}`);
  return {
    outstanding: rupiah(row.outstanding_idr),
    creditBalance: rupiah(row.credit_balance_idr),
    oldestUnpaidDueDate: row.oldest_unpaid_due_date,
    dpd: row.dpd,
    bucket: row.bucket,
    kol: row.kol,
    delinquencyAsOf: row.delinquency_as_of,
    status: row.status,
  };
}

/**
 * Books one incoming payment — the one flow every source (bank statement, gateway webhook, manual entry) goes
 * through. In the caller's transaction it: locks the account; records the payment once per idempotency key (a
 * replay returns the payment already booked and changes nothing; a replay with a different account or amount is
 * a conflict); splits it with the allocation waterfall over the schedule (over-payment → credit balance); updates
 * outstanding, DPD, bucket, Kol and delinquency history; counts it towards pending promises to pay; marks the
 * account paid off and closes its open case when nothing is owed; stores what it changed for an exact reversal;
 * and writes the audit row.
 *
 * @example await db.transaction().execute((trx) => bookPayment(trx, { accountId, amountIdr: 500_000n, valueDate: '2026-11-20', receivedAt: new Date(), source: 'manual', reference: null, idempotencyKey: 'manual:42' }))
 */
export async function bookPayment(db: Kysely<Database>, input: BookPaymentInput, rules: BookingRules = DEFAULT_BOOKING_RULES): Promise<BookedPayment> {
  if (!db.isTransaction) return db.transaction().execute((trx) => bookPayment(trx, input, rules));
  const amount = rupiah(input.amountIdr);
  if (amount <= 0n) throw new AppError('TAGIH_VALIDATION', `payment amount must be positive, got ${amount}`);
  if (!isIsoDate(input.valueDate)) throw new AppError('TAGIH_VALIDATION', `valueDate must be YYYY-MM-DD, got '${input.valueDate}'`);
  if (input.idempotencyKey.trim() === '') throw new AppError('TAGIH_VALIDATION', 'idempotencyKey is required');

  const account = await lockAccount(db, input.accountId);
  if (!account) throw new AppError('TAGIH_NOT_FOUND', `account ${input.accountId} not found`);

  const inserted = await db
    .insertInto('payments')
    .values({
      account_id: input.accountId,
      amount_idr: amount,
      paid_at: input.receivedAt,
      value_date: input.valueDate,
      channel: input.channel ?? input.source,
      source: input.source,
      external_ref: input.reference,
      idempotency_key: input.idempotencyKey,
    })
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) return replayOf(db, input, amount);

  const before = accountStateOf(account);
  const today = localDateOf(input.receivedAt, account.timezone);
  const asOf = before.delinquencyAsOf !== null && before.delinquencyAsOf > today ? before.delinquencyAsOf : today;
  const schedule = await loadSchedule(db, input.accountId);
  const pending = await loadPendingPromises(db, input.accountId);
  const plan = planBooking(
    {
      amount,
      valueDate: input.valueDate,
      asOf,
      account: before,
      schedule,
      promises: pending.map((p) => ({
        id: p.id,
        amount: rupiah(p.amount_idr),
        paid: rupiah(p.paid_idr),
        promisedDate: p.promised_date,
        madeOn: localDateOf(p.created_at, account.timezone),
      })),
    },
    rules,
  );

  await adjustSchedulePaid(db, input.accountId, plan.allocations, 1);
  await db
    .insertInto('payment_allocations')
    .values(plan.allocations.map((a) => ({ payment_id: inserted.id, account_id: input.accountId, schedule_seq: a.seq, component: a.component, amount_idr: a.amount })))
    .execute();

  const after = plan.after;
  await writeAccountState(db, input.accountId, after);

  const transition = after.bucket !== before.bucket || after.kol !== before.kol ? await transitionDelinquency(db, input.accountId, after, asOf) : null;

  const evaluatedAt = input.receivedAt;
  for (const change of plan.promises) {
    await db
      .updateTable('promises_to_pay')
      .set({ paid_idr: change.paidAfter, status: change.statusAfter, evaluated_at: change.statusAfter === 'pending' ? undefined : evaluatedAt })
      .where('id', '=', change.id)
      .execute();
  }

  let closedCaseId: string | null = null;
  if (plan.paidOff) {
    const closed = await db
      .updateTable('cases')
      .set({ status: 'closed', closed_at: input.receivedAt, close_reason: 'paid_off' })
      .where('account_id', '=', input.accountId)
      .where('status', '=', 'open')
      .returning('id')
      .executeTakeFirst();
    closedCaseId = closed?.id ?? null;
  }

  const applied = plan.allocations.filter((a) => a.component !== 'credit').reduce((s, a) => s + a.amount, 0n);
  const effects: BookingEffects = {
    version: 1,
    before: { ...before, outstanding: before.outstanding.toString(), creditBalance: before.creditBalance.toString() },
    outstandingReduced: (before.outstanding - after.outstanding).toString(),
    creditAdded: (after.creditBalance - before.creditBalance).toString(),
    promises: plan.promises.map((c) => {
      const p = pending.find((x) => x.id === c.id)!;
      return { id: c.id, applied: c.applied.toString(), statusBefore: p.status, paidBefore: p.paid_idr.toString(), evaluatedAtBefore: p.evaluated_at?.toISOString() ?? null };
    }),
    closedCaseId,
    delinquencyTransition: transition,
  };
  await db.updateTable('payments').set({ effects: JSON.stringify(effects) }).where('id', '=', inserted.id).execute();

  await audit(db, bookedAuditEntry(inserted.id, input, { amount, applied, creditAdded: effects.creditAdded, plan, before, after }));
  return { paymentId: inserted.id, replayed: false, accountId: input.accountId, amountIdr: amount, allocations: plan.allocations, paidOff: plan.paidOff };
}

/** The audit entry of one booked payment (per-line and set-based booking write the same). */
export function bookedAuditEntry(
  paymentId: string,
  input: BookPaymentInput,
  o: { amount: bigint; applied: bigint; creditAdded: string; plan: { paidOff: boolean; promises: readonly { id: string; statusAfter: string }[] }; before: { dpd: number; kol: number }; after: { dpd: number; kol: number } },
): AuditEntry {
  return {
    actor: input.actor ?? SYSTEM_ACTOR,
    action: 'payment.booked',
    entityType: 'payment',
    entityId: paymentId,
    details: {
      account_id: input.accountId,
      amount_idr: o.amount.toString(),
      applied_idr: o.applied.toString(),
      credit_idr: o.creditAdded,
      source: input.source,
      reference: input.reference,
      value_date: input.valueDate,
      paid_off: o.plan.paidOff,
      dpd: [o.before.dpd, o.after.dpd],
      kol: [o.before.kol, o.after.kol],
      promises: o.plan.promises.map((c) => ({ id: c.id, status: c.statusAfter })),
    },
    at: input.receivedAt,
  };
}

/** The payment already booked under this key; refuses a key reused for a different account or amount. */
async function replayOf(db: Kysely<Database>, input: BookPaymentInput, amount: Rupiah): Promise<BookedPayment> {
  const existing = await db.selectFrom('payments').select(['id', 'account_id', 'amount_idr']).where('idempotency_key', '=', input.idempotencyKey).executeTakeFirstOrThrow();
  if (existing.account_id !== input.accountId || existing.amount_idr !== amount) {
    throw new AppError('TAGIH_CONFLICT', `idempotency key '${input.idempotencyKey}' was already used for a different payment`, {
      payment_id: existing.id,
    });
  }
  const allocations = await db
    .selectFrom('payment_allocations')
    .select(['schedule_seq', 'component', 'amount_idr'])
    .where('payment_id', '=', existing.id)
    .orderBy('id')
    .execute();
  return {
    paymentId: existing.id,
    replayed: true,
    accountId: existing.account_id,
    amountIdr: amount,
    allocations: allocations.map((a) => ({ seq: a.schedule_seq, component: a.component, amount: rupiah(a.amount_idr) })),
    paidOff: false,
  };
}
