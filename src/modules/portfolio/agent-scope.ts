import { expressionBuilder, sql, type Expression, type SqlBool } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Principal } from '../../lib/route-access.ts';

type Who = Pick<Principal, 'userId' | 'teamId'>;

/**
 * The one definition of "this account is the agent's work": an open `assignments` row for the account, to the user
 * or to the user's team. Every query that scopes agents and field agents to their accounts uses it (portfolio
 * lists, gateways, plans, assistant handoffs), so the rule cannot drift between modules.
 * `accountIdColumn` names the outer query's account id column.
 * @example qb.where(assignedToPrincipal('accounts.id', principal))
 */
export function assignedToPrincipal(accountIdColumn: string, principal: Who): Expression<SqlBool> {
  const eb = expressionBuilder<Database, never>();
  return eb.exists(
    eb
      .selectFrom('assignments as sa')
      .select(sql.lit(1).as('one'))
      .where('sa.account_id', '=', sql.ref<string>(accountIdColumn))
      .where('sa.unassigned_at', 'is', null)
      .where((w) => w.or([w('sa.user_id', '=', principal.userId), ...(principal.teamId ? [w('sa.team_id', '=', principal.teamId)] : [])])),
  );
}

/** Some account of this debtor is the agent's work (see `assignedToPrincipal`). */
export function debtorAssignedToPrincipal(debtorIdColumn: string, principal: Who): Expression<SqlBool> {
  const eb = expressionBuilder<Database, never>();
  return eb.exists(
    eb
      .selectFrom('accounts as scope_a')
      .select(sql.lit(1).as('one'))
      .where('scope_a.debtor_id', '=', sql.ref<string>(debtorIdColumn))
      .where(assignedToPrincipal('scope_a.id', principal)),
  );
}
