import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { AllocationComponent } from '../../domain/allocation.ts';
import type { PlannedAllocation, ScheduleRow } from '../../domain/booking/plan-booking.ts';
import { rupiah } from '../../domain/money.ts';
import { keyList } from '../../db/key-list.ts';

/**
 * Locks account rows (in id order, so two batches never deadlock) for the rest of the transaction: bookings and
 * reversals on one account run one at a time. Returns what booking needs of each, with the debtor's zone.
 */
export async function lockAccounts(trx: Kysely<Database>, ids: readonly string[]) {
  // keyList sends the ids sorted: the rows are locked in id order.
  const rows = await trx
    .selectFrom(keyList(ids, 'uuid'))
    .innerJoinLateral((eb) => eb.selectFrom('accounts').selectAll().whereRef('accounts.id', '=', 'k.k').forUpdate().as('a'), (j) => j.onTrue())
    .innerJoin('debtors', 'debtors.id', 'a.debtor_id')
    .select(['a.id', 'a.debtor_id', 'a.outstanding_idr', 'a.credit_balance_idr', 'a.oldest_unpaid_due_date', 'a.dpd', 'a.bucket', 'a.kol', 'a.delinquency_as_of', 'a.status', 'debtors.timezone'])
    .execute();
  return new Map(rows.map((r) => [r.id, r] as const));
}

/** One account, locked (see `lockAccounts`); undefined when it does not exist. */
export async function lockAccount(trx: Kysely<Database>, accountId: string) {
  return (await lockAccounts(trx, [accountId])).get(accountId);
}

export async function loadSchedule(trx: Kysely<Database>, accountId: string): Promise<ScheduleRow[]> {
  const rows = await trx.selectFrom('account_schedule').selectAll().where('account_id', '=', accountId).orderBy('seq').execute();
  return rows.map((r) => ({
    seq: r.seq,
    dueDate: r.due_date,
    due: { fee: rupiah(r.fee_due), penalty: rupiah(r.penalty_due), interest: rupiah(r.interest_due), principal: rupiah(r.principal_due) },
    paid: { fee: rupiah(r.fee_paid), penalty: rupiah(r.penalty_paid), interest: rupiah(r.interest_paid), principal: rupiah(r.principal_paid) },
  }));
}

/** An account's derived state as bookings and reversals write it (one shape for both). */
export interface DerivedAccountState {
  readonly outstanding: bigint;
  readonly creditBalance: bigint;
  readonly oldestUnpaidDueDate: string | null;
  readonly dpd: number;
  readonly bucket: string;
  readonly kol: number;
  readonly delinquencyAsOf: string | null;
  readonly status: string;
}

/** Writes an account's derived state (balance, credit, oldest unpaid due date, DPD, bucket, Kol, status). */
export async function writeAccountState(trx: Kysely<Database>, accountId: string, s: DerivedAccountState): Promise<void> {
  await trx
    .updateTable('accounts')
    .set({
      outstanding_idr: s.outstanding,
      credit_balance_idr: s.creditBalance,
      oldest_unpaid_due_date: s.oldestUnpaidDueDate,
      dpd: s.dpd,
      bucket: s.bucket,
      kol: s.kol,
      delinquency_as_of: s.delinquencyAsOf,
      status: s.status as 'active',
      updated_at: sql<Date>`now()`,
    })
    .where('id', '=', accountId)
    .execute();
}

/** The key of one schedule row in a `SchedulePaidDeltas` map. */
export const schedulePaidKey = (accountId: string, seq: number) => `${accountId}|${seq}`;

/** Amounts to add to schedule rows' paid columns, by `schedulePaidKey(account, seq)`. */
export type SchedulePaidDeltas = ReadonlyMap<string, Record<AllocationComponent, bigint>>;

/** Adds the deltas (negative to remove) to the schedule rows' paid columns of any number of accounts, one statement. */
export async function addSchedulePaid(trx: Kysely<Database>, deltas: SchedulePaidDeltas): Promise<void> {
  if (deltas.size === 0) return;
  const keys = [...deltas.keys()];
  const col = (c: AllocationComponent) => keys.map((k) => deltas.get(k)![c].toString());
  await sql`
    update account_schedule s
       set fee_paid = s.fee_paid + d.fee, penalty_paid = s.penalty_paid + d.penalty,
           interest_paid = s.interest_paid + d.interest, principal_paid = s.principal_paid + d.principal
      from unnest(${keys.map((k) => k.split('|')[0]!)}::uuid[], ${keys.map((k) => Number(k.split('|')[1]))}::int[],
                  ${col('fee')}::bigint[], ${col('penalty')}::bigint[], ${col('interest')}::bigint[], ${col('principal')}::bigint[])
           as d(account_id, seq, fee, penalty, interest, principal)
     where s.account_id = d.account_id and s.seq = d.seq`.execute(trx);
}

/** Adds (sign 1) or removes (sign -1) one payment's allocated amounts on its account's schedule. */
export async function adjustSchedulePaid(trx: Kysely<Database>, accountId: string, allocations: readonly PlannedAllocation[], sign: 1 | -1): Promise<void> {
  const deltas = new Map<string, Record<AllocationComponent, bigint>>();
  for (const a of allocations) {
    if (a.seq === null || a.component === 'credit') continue;
    const key = schedulePaidKey(accountId, a.seq);
    const row = deltas.get(key) ?? { fee: 0n, penalty: 0n, interest: 0n, principal: 0n };
    row[a.component] += BigInt(sign) * a.amount;
    deltas.set(key, row);
  }
  await addSchedulePaid(trx, deltas);
}

export async function loadPendingPromises(trx: Kysely<Database>, accountId: string) {
  return trx
    .selectFrom('promises_to_pay')
    .select(['id', 'amount_idr', 'paid_idr', 'promised_date', 'status', 'evaluated_at', 'created_at'])
    .where('account_id', '=', accountId)
    .where('status', '=', 'pending')
    .forUpdate()
    .execute();
}

/** Moves the account's open delinquency row to a new bucket/Kol: lifts the open row and opens another. */
export async function transitionDelinquency(
  trx: Kysely<Database>,
  accountId: string,
  to: { bucket: string; kol: number },
  on: string,
): Promise<{ liftedId: string | null; openedId: string }> {
  const lifted = await trx
    .updateTable('delinquency_history')
    .set({ lifted_on: on })
    .where('account_id', '=', accountId)
    .where('lifted_on', 'is', null)
    .returning('id')
    .executeTakeFirst();
  const opened = await trx
    .insertInto('delinquency_history')
    .values({ account_id: accountId, bucket: to.bucket, kol: to.kol, added_on: on })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { liftedId: lifted ? String(lifted.id) : null, openedId: String(opened.id) };
}
