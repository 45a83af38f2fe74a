import { sql, type Kysely, type Selectable, type SelectQueryBuilder } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import type { AssistantChannel, AssistantConversationsTable, AssistantRequestKind } from '../../../db/schema-assistant.ts';
import type { LockState } from '../../../domain/assistant/index.ts';
import type { Principal } from '../../../lib/route-access.ts';
import { assignedToPrincipal, debtorAssignedToPrincipal } from '../../portfolio/index.ts';

/** The only place the dialogue module builds queries. Every function takes the executor (db or transaction). */
export type Conversation = Selectable<AssistantConversationsTable>;
type Db = Kysely<Database>;

export async function findLiveConversation(db: Db, channel: AssistantChannel, userKey: string): Promise<Conversation | undefined> {
  return db.selectFrom('assistant_conversations').selectAll().where('channel', '=', channel).where('channel_user_key', '=', userKey).where('status', '<>', 'resolved').executeTakeFirst();
}

/** Row-locks the conversation for one turn, so two messages of the same person are answered one after the other. */
export async function lockConversation(db: Db, id: string): Promise<Conversation> {
  return db.selectFrom('assistant_conversations').selectAll().where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
}

/** Whose conversations an agent may see: the user and their team. */
export type AgentScope = Pick<Principal, 'userId' | 'teamId'>;

type ConversationQuery = SelectQueryBuilder<Database, 'assistant_conversations', Conversation>;

/**
 * An agent's conversations: the handoff work item is assigned to them or their team, or the conversation's account
 * (web) or debtor (WhatsApp) is assigned to them or their team (portfolio's one assignment rule).
 */
function scopedTo(qb: ConversationQuery, scope: AgentScope | undefined): ConversationQuery {
  if (!scope) return qb;
  return qb.where((eb) =>
    eb.or([
      eb.exists(
        eb
          .selectFrom('work_items as hw')
          .select(sql.lit(1).as('one'))
          .whereRef('hw.id', '=', 'assistant_conversations.handoff_work_item_id')
          .where((w) => w.or([w('hw.assigned_user_id', '=', scope.userId), ...(scope.teamId ? [w('hw.team_id', '=', scope.teamId)] : [])])),
      ),
      assignedToPrincipal('assistant_conversations.account_id', scope),
      debtorAssignedToPrincipal('assistant_conversations.debtor_id', scope),
    ]),
  );
}

/** One conversation; with `scope`, only if that agent may see it (else undefined, so existence does not leak). */
export async function getConversation(db: Db, id: string, scope?: AgentScope): Promise<Conversation | undefined> {
  return scopedTo(db.selectFrom('assistant_conversations').selectAll().where('id', '=', id), scope).executeTakeFirst();
}

export interface NewConversation {
  readonly channel: AssistantChannel;
  readonly userKey: string;
  readonly addressEnc: string | null;
  readonly debtorId: string | null;
  readonly contactId: string | null;
  readonly now: Date;
}

/** Inserts unless a live conversation for the same person appeared meanwhile (partial unique index); returns the live one. */
export async function createConversation(db: Db, c: NewConversation): Promise<Conversation> {
  await db
    .insertInto('assistant_conversations')
    .values({ channel: c.channel, channel_user_key: c.userKey, address_enc: c.addressEnc, debtor_id: c.debtorId, contact_id: c.contactId, stage: JSON.stringify({ kind: 'idle' }), started_at: c.now, last_message_at: c.now })
    .onConflict((oc) => oc.columns(['channel', 'channel_user_key']).where('status', '<>', 'resolved').doNothing())
    .execute();
  const live = await findLiveConversation(db, c.channel, c.userKey);
  if (!live) throw new Error('conversation vanished right after insert');
  return live;
}

export type ConversationPatch = Partial<{
  status: Conversation['status'];
  debtor_id: string | null;
  account_id: string | null;
  contact_id: string | null;
  verified_at: Date | null;
  failed_verifications: number;
  stage: string;
  handoff_work_item_id: string | null;
  handed_off_at: Date | null;
  last_intent: string | null;
  turns: number;
  last_message_at: Date;
  resolved_at: Date | null;
}>;

export async function updateConversation(db: Db, id: string, patch: ConversationPatch): Promise<void> {
  await db.updateTable('assistant_conversations').set(patch).where('id', '=', id).execute();
}

/** Conversations idle longer than `before` are ended before a new message starts a fresh one. */
export async function resolveConversation(db: Db, id: string, at: Date): Promise<void> {
  await db.updateTable('assistant_conversations').set({ status: 'resolved', resolved_at: at }).where('id', '=', id).execute();
}

export interface NewMessage {
  readonly conversationId: string;
  readonly direction: 'inbound' | 'outbound';
  readonly sender: 'debtor' | 'bot' | 'agent';
  readonly agentId?: string | null;
  readonly bodyEnc: string;
  readonly intent?: string | null;
  readonly confidence?: number | null;
  readonly externalId?: string | null;
  readonly outsideContactHours?: boolean;
  readonly at: Date;
}

export async function insertMessages(db: Db, messages: readonly NewMessage[]): Promise<bigint[]> {
  if (messages.length === 0) return [];
  const rows = await db
    .insertInto('assistant_messages')
    .values(messages.map((m) => ({
      conversation_id: m.conversationId,
      direction: m.direction,
      sender: m.sender,
      agent_id: m.agentId ?? null,
      body_enc: m.bodyEnc,
      intent: m.intent ?? null,
      confidence: m.confidence ?? null,
      external_id: m.externalId ?? null,
      outside_contact_hours: m.outsideContactHours ?? false,
      created_at: m.at,
    })))
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

export async function markDelivery(db: Db, ids: readonly bigint[], delivery: 'sent' | 'failed'): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable('assistant_messages').set({ delivery }).where('id', 'in', ids).execute();
}

export async function messageSeen(db: Db, externalId: string): Promise<boolean> {
  const row = await db.selectFrom('assistant_messages').select('id').where('external_id', '=', externalId).executeTakeFirst();
  return row !== undefined;
}

export async function listMessages(db: Db, conversationId: string, afterId: bigint, limit: number) {
  return db
    .selectFrom('assistant_messages')
    .select(['id', 'direction', 'sender', 'agent_id', 'body_enc', 'intent', 'confidence', 'delivery', 'outside_contact_hours', 'created_at'])
    .where('conversation_id', '=', conversationId)
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** Phone contacts on file with this number, never emergency contacts (those are other people). */
export async function phoneCandidates(db: Db, phoneHash: string): Promise<{ contactId: string; debtorId: string }[]> {
  const rows = await db
    .selectFrom('debtor_contacts')
    .select(['id', 'debtor_id'])
    .where('type', '=', 'phone')
    .where('value_hash', '=', phoneHash)
    .where('is_emergency', '=', false)
    .orderBy('is_primary', 'desc')
    .orderBy('created_at')
    .limit(5)
    .execute();
  return rows.map((r) => ({ contactId: r.id, debtorId: r.debtor_id }));
}

export async function accountByNumber(db: Db, accountNo: string): Promise<{ accountId: string; debtorId: string } | undefined> {
  const row = await db.selectFrom('accounts').select(['id', 'debtor_id']).where('account_no', '=', accountNo).executeTakeFirst();
  return row ? { accountId: row.id, debtorId: row.debtor_id } : undefined;
}

export async function identityEnvelopes(db: Db, debtorId: string): Promise<{ birthDateEnc: string | null; nikEnc: string | null } | undefined> {
  const row = await db.selectFrom('debtors').select(['birth_date_enc', 'nik_enc']).where('id', '=', debtorId).executeTakeFirst();
  return row ? { birthDateEnc: row.birth_date_enc, nikEnc: row.nik_enc } : undefined;
}

/** The creditor's name (who the bot speaks for) and the debtor's zone (what "today" means). */
export async function debtorSetting(db: Db, debtorId: string): Promise<{ creditorName: string; zone: string } | undefined> {
  const row = await db.selectFrom('debtors').innerJoin('creditors', 'creditors.id', 'debtors.creditor_id').select(['creditors.name', 'debtors.timezone']).where('debtors.id', '=', debtorId).executeTakeFirst();
  return row ? { creditorName: row.name, zone: row.timezone } : undefined;
}

export async function lockStateOf(db: Db, debtorId: string): Promise<LockState | null> {
  const row = await db.selectFrom('assistant_identity_locks').selectAll().where('debtor_id', '=', debtorId).executeTakeFirst();
  return row ? { failures: row.failures, windowStartedAt: row.window_started_at, lockedUntil: row.locked_until } : null;
}

/** Locks the debtor's counter row for the check, creating it if needed, so concurrent wrong answers all count. */
export async function lockStateForUpdate(db: Db, debtorId: string, now: Date): Promise<LockState | null> {
  await db.insertInto('assistant_identity_locks').values({ debtor_id: debtorId, failures: 0, window_started_at: now, locked_until: null }).onConflict((oc) => oc.column('debtor_id').doNothing()).execute();
  const row = await db.selectFrom('assistant_identity_locks').selectAll().where('debtor_id', '=', debtorId).forUpdate().executeTakeFirstOrThrow();
  return row.failures === 0 && row.locked_until === null ? null : { failures: row.failures, windowStartedAt: row.window_started_at, lockedUntil: row.locked_until };
}

export async function saveLockState(db: Db, debtorId: string, s: LockState | null): Promise<void> {
  if (s === null) {
    await db.deleteFrom('assistant_identity_locks').where('debtor_id', '=', debtorId).execute();
    return;
  }
  await db.updateTable('assistant_identity_locks').set({ failures: s.failures, window_started_at: s.windowStartedAt, locked_until: s.lockedUntil }).where('debtor_id', '=', debtorId).execute();
}

export interface FactsRow {
  readonly name: string;
  readonly accounts: { accountId: string; accountNo: string; outstandingIdr: bigint; vaNumber: string | null; nextDueDate: string | null; nextDueAmountIdr: bigint | null }[];
  readonly pendingPromise: { amountIdr: bigint; promisedDate: string } | null;
}

/** Name, open accounts with their next unpaid instalment, and any pending promise: what a verified debtor may ask about. */
export async function loadFacts(db: Db, debtorId: string): Promise<{ fullName: string; accounts: FactsRow['accounts']; pendingPromise: FactsRow['pendingPromise'] } | undefined> {
  const debtor = await db.selectFrom('debtors').select('full_name').where('id', '=', debtorId).executeTakeFirst();
  if (!debtor) return undefined;
  const accounts = await db
    .selectFrom('accounts as a')
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('account_schedule as s')
          .select([
            's.due_date',
            sql<string>`(s.principal_due + s.interest_due + s.fee_due + s.penalty_due - s.principal_paid - s.interest_paid - s.fee_paid - s.penalty_paid)::text`.as('remaining'),
          ])
          .whereRef('s.account_id', '=', 'a.id')
          .where(sql<boolean>`s.principal_due + s.interest_due + s.fee_due + s.penalty_due > s.principal_paid + s.interest_paid + s.fee_paid + s.penalty_paid`)
          .orderBy('s.seq')
          .limit(1)
          .as('next'),
      (join) => join.onTrue(),
    )
    .select(['a.id', 'a.account_no', 'a.outstanding_idr', 'a.va_number', 'a.oldest_unpaid_due_date', 'a.installment_idr', 'next.due_date', 'next.remaining'])
    .where('a.debtor_id', '=', debtorId)
    .where('a.status', '=', 'active')
    .orderBy('a.outstanding_idr', 'desc')
    .orderBy('a.id')
    .execute();
  const promise = await db
    .selectFrom('promises_to_pay')
    .select(['amount_idr', 'promised_date'])
    // Through the account index: promises_to_pay is indexed by account, not by debtor.
    .where('account_id', 'in', (eb) => eb.selectFrom('accounts').select('id').where('debtor_id', '=', debtorId))
    .where('status', '=', 'pending')
    .orderBy('promised_date')
    .executeTakeFirst();
  return {
    fullName: debtor.full_name,
    accounts: accounts.map((a) => {
      // Without a schedule, the oldest unpaid due date and the instalment (capped at the balance) stand in.
      const fallbackAmount = a.installment_idr !== null && a.installment_idr < a.outstanding_idr ? a.installment_idr : a.outstanding_idr;
      const nextDueDate = a.due_date ?? (a.outstanding_idr > 0n ? a.oldest_unpaid_due_date : null);
      return {
        accountId: a.id,
        accountNo: a.account_no,
        outstandingIdr: a.outstanding_idr,
        vaNumber: a.va_number,
        nextDueDate,
        nextDueAmountIdr: a.remaining !== null ? BigInt(a.remaining) : nextDueDate !== null ? fallbackAmount : null,
      };
    }),
    pendingPromise: promise ? { amountIdr: promise.amount_idr, promisedDate: promise.promised_date } : null,
  };
}

export interface NewRequest {
  readonly kind: AssistantRequestKind;
  /** Null when the debtor asked in the self-service portal. */
  readonly conversationId: string | null;
  readonly debtorId: string;
  readonly accountId: string | null;
  readonly reason: string | null;
  readonly amountIdr: bigint | null;
  readonly details: Record<string, unknown>;
  readonly workItemId: string | null;
  readonly now: Date;
  /** Default 'assistant'. */
  readonly source?: 'assistant' | 'portal';
}

export async function insertRequest(db: Db, r: NewRequest): Promise<string> {
  const row = await db
    .insertInto('assistant_requests')
    .values({ kind: r.kind, conversation_id: r.conversationId, debtor_id: r.debtorId, account_id: r.accountId, reason: r.reason, amount_idr: r.amountIdr, details: JSON.stringify(r.details), work_item_id: r.workItemId, created_at: r.now, source: r.source ?? 'assistant' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface NewWorkItem {
  readonly idempotencyKey: string;
  readonly kind: 'handoff' | 'review' | 'callback';
  readonly queue: string;
  readonly debtorId: string;
  readonly accountId: string | null;
  readonly priority: number;
  readonly notes: string;
  readonly dueAt: Date;
}

/** Idempotent on the key: a retried turn finds the work item it already created. */
export async function insertWorkItem(db: Db, w: NewWorkItem): Promise<string> {
  await db
    .insertInto('work_items')
    .values({ idempotency_key: w.idempotencyKey, kind: w.kind, queue: w.queue, debtor_id: w.debtorId, account_id: w.accountId, priority: w.priority, notes: w.notes, due_at: w.dueAt, assigned_user_id: null, team_id: null, case_id: null, outcome: null })
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .execute();
  const row = await db.selectFrom('work_items').select('id').where('idempotency_key', '=', w.idempotencyKey).executeTakeFirstOrThrow();
  return row.id;
}

export async function insertInteraction(
  db: Db,
  i: { debtorId: string; accountId: string | null; channel: 'chat' | 'whatsapp'; direction: 'inbound' | 'outbound'; outcome: string; agentId: string | null; notes: string; at: Date },
): Promise<string> {
  const row = await db
    .insertInto('interactions')
    .values({ debtor_id: i.debtorId, account_id: i.accountId, channel: i.channel, direction: i.direction, outcome: i.outcome, agent_id: i.agentId, notes: i.notes, occurred_at: i.at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The debtor's own contact points (not emergency contacts) of one type. */
export async function ownContacts(db: Db, debtorId: string, type: 'phone' | 'email'): Promise<string[]> {
  const rows = await db.selectFrom('debtor_contacts').select('id').where('debtor_id', '=', debtorId).where('type', '=', type).where('is_emergency', '=', false).execute();
  return rows.map((r) => r.id);
}

export async function recordOptOut(db: Db, contactId: string, channel: 'sms' | 'whatsapp' | 'voice' | 'email', at: Date): Promise<void> {
  await recordChannelConsent(db, contactId, channel, 'opted_out', at, 'assistant');
}

/**
 * Sets the consent of one contact point and channel in `contact_channel_preferences`, the table the contact policy
 * reads: the assistant's opt-outs and the portal's preferences go through this one writer.
 */
export async function recordChannelConsent(db: Db, contactId: string, channel: 'sms' | 'whatsapp' | 'voice' | 'email', consent: 'granted' | 'opted_out', at: Date, source: string): Promise<void> {
  await db
    .insertInto('contact_channel_preferences')
    .values({ contact_id: contactId, channel, consent, recorded_at: at, source })
    .onConflict((oc) => oc.columns(['contact_id', 'channel']).doUpdateSet({ consent, recorded_at: at, source }))
    .execute();
}

export async function setInteractionNotes(db: Db, id: string, notes: string, outcome: string): Promise<void> {
  await db.updateTable('interactions').set({ notes, outcome }).where('id', '=', id).execute();
}

export async function latestConversation(db: Db, channel: AssistantChannel, userKey: string): Promise<Conversation | undefined> {
  return db.selectFrom('assistant_conversations').selectAll().where('channel', '=', channel).where('channel_user_key', '=', userKey).orderBy('started_at', 'desc').limit(1).executeTakeFirst();
}

export async function listConversations(db: Db, filter: { status?: Conversation['status']; limit: number; before?: Date; scope?: AgentScope }) {
  let q = scopedTo(db.selectFrom('assistant_conversations').selectAll(), filter.scope).orderBy('last_message_at', 'desc').orderBy('id').limit(filter.limit);
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.before) q = q.where('last_message_at', '<', filter.before);
  return q.execute();
}

export async function completeWorkItem(db: Db, id: string, outcome: string, at: Date): Promise<void> {
  await db.updateTable('work_items').set({ status: 'done', outcome, completed_at: at }).where('id', '=', id).where('status', 'in', ['open', 'in_progress']).execute();
}

export async function startWorkItem(db: Db, id: string, userId: string, at: Date): Promise<void> {
  await db.updateTable('work_items').set({ status: 'in_progress', assigned_user_id: userId, started_at: at }).where('id', '=', id).where('status', '=', 'open').execute();
}

/** Containment over conversations started in [from, to]: how many ended with the bot alone. */
export async function containment(db: Db, from: Date, to: Date) {
  return db
    .selectFrom('assistant_conversations')
    .select((eb) => [
      'channel',
      eb.fn.countAll<string>().as('conversations'),
      sql<string>`count(*) filter (where handed_off_at is null)`.as('contained'),
      sql<string>`count(*) filter (where handed_off_at is not null)`.as('handed_off'),
      sql<string>`count(*) filter (where verified_at is not null)`.as('verified'),
      sql<string>`coalesce(sum(turns), 0)`.as('turns'),
    ])
    .where('started_at', '>=', from)
    .where('started_at', '<=', to)
    .where('turns', '>', 0)
    .groupBy('channel')
    .orderBy('channel')
    .execute();
}
