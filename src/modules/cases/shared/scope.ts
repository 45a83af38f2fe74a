import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import { isScopedToAssignments } from '../../../domain/permissions.ts';
import type { Principal } from '../../../lib/route-access.ts';
import { AppError } from '../../../lib/app-error.ts';

/**
 * The same rule as the portfolio module: agents and field agents see only accounts assigned to them or
 * to their team. A SQL predicate over `accountIdColumn`, so every cases query filters in the database.
 */
export function accountVisibleTo(principal: Principal, accountIdColumn: string): RawBuilder<SqlBool> {
  const team = principal.teamId ? sql` or sa.team_id = ${principal.teamId}` : sql``;
  return sql<SqlBool>`exists (select 1 from assignments sa where sa.account_id = ${sql.ref(accountIdColumn)} and sa.unassigned_at is null and (sa.user_id = ${principal.userId}${team}))`;
}

/** The account with its debtor's zone and balance, or 404 when it does not exist or is out of the caller's scope. */
export async function accountInScope(db: Kysely<Database>, principal: Principal, accountId: string) {
  let qb = db
    .selectFrom('accounts')
    .innerJoin('debtors', 'debtors.id', 'accounts.debtor_id')
    .select(['accounts.id', 'accounts.debtor_id', 'accounts.outstanding_idr', 'accounts.status', 'debtors.timezone'])
    .where('accounts.id', '=', accountId);
  if (isScopedToAssignments(principal.role)) qb = qb.where(accountVisibleTo(principal, 'accounts.id'));
  const row = await qb.executeTakeFirst();
  if (!row) throw new AppError('TAGIH_NOT_FOUND', `account ${accountId} not found`);
  return row;
}

/** 404 unless the debtor has at least one account in the caller's scope. */
export async function assertDebtorInScope(db: Kysely<Database>, principal: Principal, debtorId: string): Promise<void> {
  let qb = db.selectFrom('accounts').select('accounts.id').where('accounts.debtor_id', '=', debtorId);
  if (isScopedToAssignments(principal.role)) qb = qb.where(accountVisibleTo(principal, 'accounts.id'));
  const row = await qb.limit(1).executeTakeFirst();
  if (!row) throw new AppError('TAGIH_NOT_FOUND', `debtor ${debtorId} not found`);
}
