import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import { matchRule, pickLeastLoaded, type AssignmentConditions, type AssignmentRule } from '../../../domain/assignment-rules.ts';
import { AppError } from '../../../lib/app-error.ts';
import { assignAccountUser } from '../work-queue/assign-user.ts';
import { audit } from '../../audit/index.ts';
import type { CaseContext } from '../shared/context.ts';
import * as repo from './repo.ts';

export interface AssignTo {
  readonly userId: string | null;
  readonly teamId: string | null;
}

/**
 * Assigns one account (manual reassignment or a rule's choice) inside the caller's transaction: closes the
 * current row of the append-only `assignments` history, opens the new one, makes sure the account has an open
 * case in `queue`, and moves its open work items along. A user without a team given takes the user's team.
 */
export async function assignAccount(trx: Kysely<Database>, accountId: string, to: AssignTo & { queue?: string }, reason: string, ctx: CaseContext): Promise<AssignTo> {
  const account = await trx.selectFrom('accounts').select(['id', 'debtor_id']).where('id', '=', accountId).forUpdate().executeTakeFirst();
  if (!account) throw new AppError('TAGIH_NOT_FOUND', `account ${accountId} not found`);
  const { teamId } = await assignAccountUser(trx, to);
  const previous = await repo.closeCurrentAssignment(trx, accountId, ctx.now);
  await repo.insertAssignment(trx, { accountId, userId: to.userId, teamId, by: ctx.actor.id, at: ctx.now, reason });
  await repo.ensureOpenCase(trx, { accountId, debtorId: account.debtor_id, queue: to.queue ?? 'desk_l1', at: ctx.now });
  const moved = await repo.moveOpenWorkItems(trx, accountId, to.userId, teamId);
  await audit(trx, {
    actor: ctx.actor,
    action: 'account.assign',
    entityType: 'account',
    entityId: accountId,
    reason,
    details: { from: previous ? { user_id: previous.user_id, team_id: previous.team_id } : null, to: { user_id: to.userId, team_id: teamId }, work_items_moved: moved },
    at: ctx.now,
  });
  return { userId: to.userId, teamId };
}

export interface AutoAssignSummary {
  readonly examined: number;
  readonly assigned: number;
  readonly unmatched: number;
  readonly by_rule: Record<string, number>;
}

const BATCH = 500;

/**
 * Applies the active rules to every active account without a current assignment, in keyset batches of 500
 * (one transaction each, so a huge portfolio never sits in memory or in one lock). Least-loaded mode keeps a
 * running tally of each agent's open assignments so a batch spreads evenly.
 */
export async function autoAssign(db: Kysely<Database>, ctx: CaseContext): Promise<AutoAssignSummary> {
  const rules = await repo.activeRules(db);
  const byRule: Record<string, number> = {};
  let examined = 0;
  let assigned = 0;
  let unmatched = 0;
  const loadsByTeam = new Map<string, Map<string, number>>();
  const loadsOf = async (trx: Kysely<Database>, rule: (typeof rules)[number]) => {
    const key = `${rule.teamId}:${rule.agentRole}`;
    let loads = loadsByTeam.get(key);
    if (!loads) {
      loads = await repo.agentLoads(trx, rule.teamId, rule.agentRole);
      loadsByTeam.set(key, loads);
    }
    return loads;
  };
  let after: string | null = null;
  for (;;) {
    const batch = await repo.unassignedAccounts(db, after, BATCH);
    if (batch.length === 0) break;
    after = batch[batch.length - 1]!.id;
    examined += batch.length;
    await db.transaction().execute(async (trx) => {
      for (const a of batch) {
        const rule = matchRule(rules, { zone: a.timezone, province: a.province_code, bucket: a.bucket, dpd: a.dpd, product: a.product, creditor: a.creditor_code });
        if (!rule) {
          unmatched++;
          continue;
        }
        let userId: string | null = null;
        if (rule.mode === 'least_loaded') {
          const loads = await loadsOf(trx, rule);
          userId = pickLeastLoaded(loads);
          if (userId) loads.set(userId, (loads.get(userId) ?? 0) + 1);
        }
        await assignAccount(trx, a.id, { userId, teamId: rule.teamId, queue: rule.queue }, `rule ${rule.name}`, ctx);
        byRule[rule.name] = (byRule[rule.name] ?? 0) + 1;
        assigned++;
      }
    });
    if (batch.length < BATCH) break;
  }
  return { examined, assigned, unmatched, by_rule: byRule };
}

export type { AssignmentConditions, AssignmentRule };
