import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import type { Principal } from '../../../lib/route-access.ts';
import { isScopedToAssignments } from '../../../domain/permissions.ts';
import { accountVisibleTo } from '../shared/scope.ts';
import type { TimeCursor } from '../shared/cursor.ts';

export type DisputeRow = Selectable<Database['disputes']>;

export async function nextReferenceSeq(trx: Kysely<Database>): Promise<bigint> {
  const { rows } = await sql<{ seq: string | bigint }>`select nextval('dispute_reference_seq') as seq`.execute(trx);
  return BigInt(rows[0]!.seq);
}

export async function insertDispute(trx: Kysely<Database>, row: Insertable<Database['disputes']>) {
  return trx.insertInto('disputes').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findForUpdate(trx: Kysely<Database>, id: string) {
  return trx.selectFrom('disputes').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function markClosed(trx: Kysely<Database>, id: string, change: { status: 'resolved' | 'rejected'; resolution: string; by: string | null; at: Date }) {
  return trx
    .updateTable('disputes')
    .set({ status: change.status, resolution: change.resolution, resolved_by: change.by, resolved_at: change.at })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export interface DisputeFilter {
  readonly status?: DisputeRow['status'] | undefined;
  readonly kind?: DisputeRow['kind'] | undefined;
  readonly debtorId?: string | undefined;
  readonly accountId?: string | undefined;
  /** Only open cases whose SLA instant is before this. */
  readonly breachedAt?: Date | undefined;
  readonly limit: number;
}

/**
 * Disputes newest first (or, for SLA breaches, most overdue first), keyset-paged. Agents see the cases
 * of debtors with an account in their scope.
 */
export async function listDisputes(db: Kysely<Database>, principal: Principal, f: DisputeFilter, after: TimeCursor | null) {
  const sortCol = f.breachedAt ? 'sla_due_at' : 'opened_at';
  let qb = db.selectFrom('disputes').selectAll();
  if (isScopedToAssignments(principal.role)) {
    qb = qb.where((eb) => eb.exists(eb.selectFrom('accounts as va').select(sql.lit(1).as('one')).whereRef('va.debtor_id', '=', 'disputes.debtor_id').where(accountVisibleTo(principal, 'va.id'))));
  }
  if (f.status) qb = qb.where('status', '=', f.status);
  if (f.kind) qb = qb.where('kind', '=', f.kind);
  if (f.debtorId) qb = qb.where('debtor_id', '=', f.debtorId);
  if (f.accountId) qb = qb.where('account_id', '=', f.accountId);
  if (f.breachedAt) qb = qb.where('status', '=', 'open').where('sla_due_at', '<', f.breachedAt);
  if (f.breachedAt) {
    if (after) qb = qb.where((eb) => eb.or([eb('sla_due_at', '>', new Date(after.at)), eb.and([eb('sla_due_at', '=', new Date(after.at)), eb('id', '>', after.id)])]));
    qb = qb.orderBy('sla_due_at').orderBy('id');
  } else {
    if (after) qb = qb.where((eb) => eb.or([eb('opened_at', '<', new Date(after.at)), eb.and([eb('opened_at', '=', new Date(after.at)), eb('id', '>', after.id)])]));
    qb = qb.orderBy('opened_at', 'desc').orderBy('id');
  }
  const rows = await qb.limit(f.limit + 1).execute();
  return { rows, sortCol } as const;
}

export async function findById(db: Kysely<Database>, id: string) {
  return db.selectFrom('disputes').selectAll().where('id', '=', id).executeTakeFirst();
}
