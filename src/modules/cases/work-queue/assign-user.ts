import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import { AppError } from '../../../lib/app-error.ts';

/**
 * Resolves who a reassignment goes to: an active agent or field agent (whose team is used when none is given),
 * and/or an existing team. Refuses nobody, unknown ids and non-agents with the field named.
 */
export async function assignAccountUser(trx: Kysely<Database>, to: { userId: string | null; teamId: string | null }): Promise<{ userId: string | null; teamId: string | null }> {
  let teamId = to.teamId;
  if (to.userId) {
    const user = await trx.selectFrom('users').select(['role', 'team_id', 'disabled_at']).where('id', '=', to.userId).executeTakeFirst();
    if (!user || user.disabled_at) throw new AppError('TAGIH_VALIDATION', `user ${to.userId} not found or disabled`, [{ path: '/user_id', message: 'no such active user' }]);
    if (user.role !== 'agent' && user.role !== 'field_agent') throw new AppError('TAGIH_VALIDATION', `user ${to.userId} is a ${user.role}, not an agent`, [{ path: '/user_id', message: 'not an agent' }]);
    teamId ??= user.team_id;
  }
  if (teamId && !(await trx.selectFrom('teams').select('id').where('id', '=', teamId).executeTakeFirst())) {
    throw new AppError('TAGIH_VALIDATION', `team ${teamId} not found`, [{ path: '/team_id', message: 'no such team' }]);
  }
  if (!to.userId && !teamId) throw new AppError('TAGIH_VALIDATION', 'give a user_id, a team_id or both', [{ path: '/', message: 'nobody to assign to' }]);
  return { userId: to.userId, teamId };
}
