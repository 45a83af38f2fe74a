import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

/** Test-only helpers: a debtor with one account, an optional schedule, promise and open case. */
export interface AccountFixture {
  readonly accountNo: string;
  readonly debtorName?: string;
  readonly outstanding: bigint;
  readonly installment?: bigint | null;
  readonly oldestUnpaidDueDate?: string | null;
  readonly dpd?: number;
  readonly bucket?: string;
  readonly kol?: number;
  readonly asOf?: string;
  readonly va?: string | null;
  readonly timezone?: string;
  readonly schedule?: readonly { seq: number; dueDate: string; principal: bigint; interest?: bigint; fee?: bigint; penalty?: bigint; paid?: bigint }[];
  readonly openCase?: boolean;
}

export async function createAccount(db: Kysely<Database>, f: AccountFixture): Promise<{ accountId: string; debtorId: string }> {
  const creditor =
    (await db.selectFrom('creditors').select('id').where('code', '=', 'TEST').executeTakeFirst()) ??
    (await db.insertInto('creditors').values({ code: 'TEST', name: 'Test Bank' }).returning('id').executeTakeFirstOrThrow());
  const debtor = await db
    .insertInto('debtors')
    .values({ creditor_id: creditor.id, debtor_ref: `D-${f.accountNo}`, full_name: f.debtorName ?? `Debitur ${f.accountNo}`, timezone: f.timezone ?? 'Asia/Jakarta' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const account = await db
    .insertInto('accounts')
    .values({
      creditor_id: creditor.id,
      debtor_id: debtor.id,
      account_no: f.accountNo,
      product: 'KTA',
      outstanding_idr: f.outstanding,
      installment_idr: f.installment ?? null,
      oldest_unpaid_due_date: f.oldestUnpaidDueDate ?? null,
      dpd: f.dpd ?? 0,
      bucket: f.bucket ?? 'current',
      kol: f.kol ?? 1,
      delinquency_as_of: f.asOf ?? null,
      va_number: f.va ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (f.schedule && f.schedule.length > 0) {
    await db
      .insertInto('account_schedule')
      .values(
        f.schedule.map((s) => ({
          account_id: account.id,
          seq: s.seq,
          due_date: s.dueDate,
          principal_due: s.principal,
          interest_due: s.interest ?? 0n,
          fee_due: s.fee ?? 0n,
          penalty_due: s.penalty ?? 0n,
          principal_paid: s.paid ?? 0n,
        })),
      )
      .execute();
  }
  await db.insertInto('delinquency_history').values({ account_id: account.id, bucket: f.bucket ?? 'current', kol: f.kol ?? 1, added_on: f.asOf ?? '2026-01-01' }).execute();
  if (f.openCase) await db.insertInto('cases').values({ account_id: account.id, debtor_id: debtor.id }).execute();
  return { accountId: account.id, debtorId: debtor.id };
}

/** Everything a booking may change on one account, in a comparable form (the "state" of book-then-reverse tests). */
export async function accountSnapshot(db: Kysely<Database>, accountId: string): Promise<unknown> {
  const account = await db
    .selectFrom('accounts')
    .select(['outstanding_idr', 'credit_balance_idr', 'oldest_unpaid_due_date', 'dpd', 'bucket', 'kol', 'delinquency_as_of', 'status'])
    .where('id', '=', accountId)
    .executeTakeFirstOrThrow();
  const schedule = await db
    .selectFrom('account_schedule')
    .select(['seq', 'fee_paid', 'penalty_paid', 'interest_paid', 'principal_paid'])
    .where('account_id', '=', accountId)
    .orderBy('seq')
    .execute();
  const promises = await db.selectFrom('promises_to_pay').select(['id', 'status', 'paid_idr', 'evaluated_at']).where('account_id', '=', accountId).orderBy('id').execute();
  const cases = await db.selectFrom('cases').select(['id', 'status', 'closed_at', 'close_reason']).where('account_id', '=', accountId).orderBy('id').execute();
  const delinquency = await db.selectFrom('delinquency_history').select(['bucket', 'kol']).where('account_id', '=', accountId).where('lifted_on', 'is', null).execute();
  return { account, schedule, promises, cases, delinquency };
}

export async function truncatePayments(db: Kysely<Database>): Promise<void> {
  await sql`truncate statement_lines, statement_imports, payment_allocations, payments, promises_to_pay, cases, delinquency_history, account_schedule, accounts, debtors, creditors, audit_log cascade`.execute(db);
}
