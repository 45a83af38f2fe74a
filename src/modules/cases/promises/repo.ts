import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../../db/schema.ts';

export type PromiseRow = Selectable<Database['promises_to_pay']>;

/** Locks the account row so two promises for one account cannot race past the one-pending check. */
export async function lockAccount(trx: Kysely<Database>, accountId: string) {
  return trx
    .selectFrom('accounts')
    .innerJoin('debtors', 'debtors.id', 'accounts.debtor_id')
    .select(['accounts.id', 'accounts.debtor_id', 'accounts.outstanding_idr', 'accounts.status', 'debtors.timezone'])
    .where('accounts.id', '=', accountId)
    .forUpdate('accounts')
    .executeTakeFirst();
}

export async function findPendingForAccount(trx: Kysely<Database>, accountId: string) {
  return trx.selectFrom('promises_to_pay').selectAll().where('account_id', '=', accountId).where('status', '=', 'pending').executeTakeFirst();
}

export async function insertPromise(trx: Kysely<Database>, row: { accountId: string; debtorId: string; amountIdr: bigint; promisedDate: string; source: PromiseRow['source']; createdBy: string | null; interactionId: string | null; createdAt: Date }) {
  return trx
    .insertInto('promises_to_pay')
    .values({
      account_id: row.accountId,
      debtor_id: row.debtorId,
      amount_idr: row.amountIdr,
      promised_date: row.promisedDate,
      source: row.source,
      created_by: row.createdBy,
      interaction_id: row.interactionId,
      created_at: row.createdAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findPromiseForUpdate(trx: Kysely<Database>, id: string) {
  return trx.selectFrom('promises_to_pay').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function markCancelled(trx: Kysely<Database>, id: string, by: string | null, at: Date, reason: string) {
  return trx
    .updateTable('promises_to_pay')
    .set({ status: 'cancelled', cancelled_at: at, cancelled_by: by, cancel_reason: reason })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Newest first; an account has a handful of promises over its life, so no paging is needed. */
export async function listForAccount(db: Kysely<Database>, accountId: string) {
  return db.selectFrom('promises_to_pay').selectAll().where('account_id', '=', accountId).orderBy('created_at', 'desc').orderBy('id').execute();
}
