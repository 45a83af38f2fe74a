import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Principal } from '../../lib/route-access.ts';
import { isScopedToAssignments } from '../../domain/permissions.ts';
import { assignedToPrincipal } from './agent-scope.ts';
import type { ListAccountsQuery } from './schema.ts';

type AccountsQuery = SelectQueryBuilder<Database, 'accounts', object>;

/** Agents and field agents see only accounts assigned to them or to their team. */
export function scopeToPrincipal<QB extends AccountsQuery>(qb: QB, principal: Principal): QB {
  if (!isScopedToAssignments(principal.role)) return qb;
  return qb.where(assignedToPrincipal('accounts.id', principal)) as QB;
}

export interface AccountCursor extends Record<string, string | number> {
  dpd: number;
  id: string;
}

export async function listAccounts(db: Kysely<Database>, principal: Principal, q: ListAccountsQuery, after: AccountCursor | null) {
  let qb = db
    .selectFrom('accounts')
    .innerJoin('debtors', 'debtors.id', 'accounts.debtor_id')
    .innerJoin('creditors', 'creditors.id', 'accounts.creditor_id')
    .leftJoin('assignments', (j) => j.onRef('assignments.account_id', '=', 'accounts.id').on('assignments.unassigned_at', 'is', null))
    .leftJoin('users', 'users.id', 'assignments.user_id')
    .select([
      'accounts.id',
      'accounts.account_no',
      'accounts.debtor_id',
      'debtors.full_name as debtor_name',
      'creditors.code as creditor_code',
      'accounts.product',
      'accounts.outstanding_idr',
      'accounts.oldest_unpaid_due_date',
      'accounts.dpd',
      'accounts.bucket',
      'accounts.kol',
      'accounts.status',
      'debtors.timezone',
      'accounts.va_number',
      'assignments.user_id as assigned_user_id',
      'users.username as assigned_username',
    ]);
  qb = scopeToPrincipal(qb, principal);
  if (q.bucket) qb = qb.where('accounts.bucket', '=', q.bucket);
  if (q.kol) qb = qb.where('accounts.kol', '=', q.kol);
  if (q.dpd_min !== undefined) qb = qb.where('accounts.dpd', '>=', q.dpd_min);
  if (q.dpd_max !== undefined) qb = qb.where('accounts.dpd', '<=', q.dpd_max);
  if (q.zone) qb = qb.where('debtors.timezone', '=', q.zone);
  if (q.creditor) qb = qb.where('creditors.code', '=', q.creditor);
  if (q.status) qb = qb.where('accounts.status', '=', q.status);
  if (q.assigned_to) qb = qb.where('assignments.user_id', '=', q.assigned_to);
  if (q.q) {
    const term = q.q.trim();
    qb = qb.where((eb) => eb.or([eb('accounts.account_no', 'like', `${term.replace(/[%_\\]/g, '\\$&')}%`), eb(sql`lower(debtors.full_name)`, 'like', `%${term.toLowerCase().replace(/[%_\\]/g, '\\$&')}%`)]));
  }
  if (after) {
    qb = qb.where((eb) => eb.or([eb('accounts.dpd', '<', after.dpd), eb.and([eb('accounts.dpd', '=', after.dpd), eb('accounts.id', '>', after.id)])]));
  }
  return qb.orderBy('accounts.dpd', 'desc').orderBy('accounts.id').limit(q.limit + 1).execute();
}

export interface DebtorCursor extends Record<string, string | number> {
  name: string;
  id: string;
}

export async function listDebtors(
  db: Kysely<Database>,
  principal: Principal,
  filter: { q?: string; blindIndex?: string; limit: number },
  after: DebtorCursor | null,
) {
  let qb = db
    .selectFrom('debtors')
    .innerJoin('creditors', 'creditors.id', 'debtors.creditor_id')
    .innerJoin('accounts', 'accounts.debtor_id', 'debtors.id')
    .select((eb) => [
      'debtors.id',
      'debtors.debtor_ref',
      'debtors.full_name',
      'creditors.code as creditor_code',
      'debtors.timezone',
      'debtors.province_code',
      eb.fn.countAll<number>().as('accounts'),
      eb.fn.sum<bigint>('accounts.outstanding_idr').as('total_outstanding_idr'),
      eb.fn.max('accounts.dpd').as('max_dpd'),
    ])
    .groupBy(['debtors.id', 'creditors.code']);
  qb = scopeToPrincipal(qb as unknown as AccountsQuery, principal) as unknown as typeof qb;
  if (filter.q) {
    const term = filter.q.trim().toLowerCase();
    const like = `%${term.replace(/[%_\\]/g, '\\$&')}%`;
    qb = qb.where((eb) =>
      eb.or([
        eb(sql`lower(debtors.full_name)`, 'like', like),
        eb('debtors.debtor_ref', '=', filter.q!.trim()),
        ...(filter.blindIndex
          ? [
              eb('debtors.nik_hash', '=', filter.blindIndex),
              eb.exists(eb.selectFrom('debtor_contacts as dc').select(sql.lit(1).as('one')).whereRef('dc.debtor_id', '=', 'debtors.id').where('dc.value_hash', '=', filter.blindIndex)),
            ]
          : []),
      ]),
    );
  }
  if (after) {
    qb = qb.where((eb) => eb.or([eb('debtors.full_name', '>', after.name), eb.and([eb('debtors.full_name', '=', after.name), eb('debtors.id', '>', after.id)])]));
  }
  return qb.orderBy('debtors.full_name').orderBy('debtors.id').limit(filter.limit + 1).execute();
}

/** True when the principal may see this debtor (any of its accounts is in scope). */
export async function debtorInScope(db: Kysely<Database>, principal: Principal, debtorId: string): Promise<boolean> {
  const row = await scopeToPrincipal(db.selectFrom('accounts').select('accounts.id').where('accounts.debtor_id', '=', debtorId), principal).limit(1).executeTakeFirst();
  return row !== undefined;
}

export async function findDebtor(db: Kysely<Database>, id: string) {
  return db
    .selectFrom('debtors')
    .innerJoin('creditors', 'creditors.id', 'debtors.creditor_id')
    .selectAll('debtors')
    .select(['creditors.code as creditor_code', 'creditors.name as creditor_name'])
    .where('debtors.id', '=', id)
    .executeTakeFirst();
}

export async function findContacts(db: Kysely<Database>, debtorId: string) {
  const contacts = await db.selectFrom('debtor_contacts').selectAll().where('debtor_id', '=', debtorId).orderBy('is_emergency').orderBy('is_primary', 'desc').orderBy('created_at').execute();
  const prefs = contacts.length
    ? await db.selectFrom('contact_channel_preferences').selectAll().where('contact_id', 'in', contacts.map((c) => c.id)).execute()
    : [];
  return { contacts, prefs };
}

export async function findAddresses(db: Kysely<Database>, debtorId: string) {
  return db.selectFrom('debtor_addresses').selectAll().where('debtor_id', '=', debtorId).orderBy('created_at').execute();
}

export async function findDebtorAccounts(db: Kysely<Database>, debtorId: string) {
  return db
    .selectFrom('accounts')
    .innerJoin('debtors', 'debtors.id', 'accounts.debtor_id')
    .innerJoin('creditors', 'creditors.id', 'accounts.creditor_id')
    .leftJoin('assignments', (j) => j.onRef('assignments.account_id', '=', 'accounts.id').on('assignments.unassigned_at', 'is', null))
    .leftJoin('users', 'users.id', 'assignments.user_id')
    .selectAll('accounts')
    .select(['debtors.full_name as debtor_name', 'creditors.code as creditor_code', 'debtors.timezone', 'assignments.user_id as assigned_user_id', 'users.username as assigned_username'])
    .where('accounts.debtor_id', '=', debtorId)
    .orderBy('accounts.account_no')
    .execute();
}

export async function findSchedules(db: Kysely<Database>, accountIds: readonly string[]) {
  if (accountIds.length === 0) return [];
  return db.selectFrom('account_schedule').selectAll().where('account_id', 'in', accountIds).orderBy('account_id').orderBy('seq').execute();
}

export async function findPayments(db: Kysely<Database>, accountIds: readonly string[]) {
  if (accountIds.length === 0) return [];
  return db.selectFrom('payments').selectAll().where('account_id', 'in', accountIds).orderBy('paid_at', 'desc').execute();
}

export async function findDelinquencyHistory(db: Kysely<Database>, accountIds: readonly string[]) {
  if (accountIds.length === 0) return [];
  return db.selectFrom('delinquency_history').selectAll().where('account_id', 'in', accountIds).orderBy('added_on', 'desc').orderBy('id', 'desc').execute();
}

/** The most recent interactions of a debtor; older ones are paged through the timeline, not loaded here. */
export async function findInteractions(db: Kysely<Database>, debtorId: string, limit: number) {
  return db.selectFrom('interactions').selectAll().where('debtor_id', '=', debtorId).orderBy('occurred_at', 'desc').limit(limit).execute();
}

export async function insertInteraction(
  db: Kysely<Database>,
  row: { debtorId: string; accountId: string | null; channel: Database['interactions']['channel']; direction: 'inbound' | 'outbound'; outcome: string; agentId: string; notes: string | null; occurredAt: Date },
) {
  return db
    .insertInto('interactions')
    .values({
      debtor_id: row.debtorId,
      account_id: row.accountId,
      channel: row.channel,
      direction: row.direction,
      outcome: row.outcome,
      agent_id: row.agentId,
      notes: row.notes,
      occurred_at: row.occurredAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function listCreditors(db: Kysely<Database>) {
  return db
    .selectFrom('creditors')
    .leftJoin('accounts', 'accounts.creditor_id', 'creditors.id')
    .select((eb) => ['creditors.id', 'creditors.code', 'creditors.name', eb.fn.count<number>('accounts.id').as('accounts')])
    .groupBy('creditors.id')
    .orderBy('creditors.code')
    .execute();
}
