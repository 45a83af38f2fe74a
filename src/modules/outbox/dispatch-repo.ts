import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { ContactChannel } from '../../db/schema-collection.ts';

/** An outbox row a dispatcher holds (status 'sending', its lease). */
export interface ClaimedMessage {
  readonly id: string;
  readonly idempotency_key: string;
  readonly debtor_id: string;
  readonly account_id: string | null;
  readonly contact_id: string | null;
  readonly channel: ContactChannel;
  readonly purpose: string;
  readonly template_code: string | null;
  readonly language: string;
  readonly attempts: number;
  readonly max_attempts: number;
  readonly treatment_code: string | null;
  readonly not_before: Date;
  /** True when the row was taken over from a worker whose lease ran out (it may have been sent). */
  readonly recovered: boolean;
}

const RETURNING = sql`m.id, m.idempotency_key, m.debtor_id, m.account_id, m.contact_id, m.channel, m.purpose, m.template_code,
  m.language, m.attempts, m.max_attempts, m.treatment_code, m.not_before`;

/**
 * Claims up to `limit` due pending rows: one statement, `FOR UPDATE SKIP LOCKED`, so concurrent
 * dispatchers never take the same row and never wait on each other. The row becomes 'sending' with a
 * lease (`claimed_until`); `attempts` counts the claim.
 */
export async function claimDue(db: Kysely<Database>, p: { worker: string; now: Date; leaseUntil: Date; limit: number }): Promise<ClaimedMessage[]> {
  const { rows } = await sql<Omit<ClaimedMessage, 'recovered'>>`
    with due as (
      select id from outbox_messages
      where status = 'pending' and not_before <= ${p.now}
      order by not_before
      limit ${p.limit}
      for update skip locked
    )
    update outbox_messages m
       set status = 'sending', claimed_by = ${p.worker}, claimed_until = ${p.leaseUntil}, attempts = m.attempts + 1
      from due where m.id = due.id
    returning ${RETURNING}`.execute(db);
  return rows.map((r) => ({ ...r, recovered: false }));
}

/**
 * Takes over 'sending' rows whose lease expired (their worker died) on channels whose provider dedupes
 * by idempotency key: resending them is safe and is the only way they are not lost.
 */
export async function claimExpired(
  db: Kysely<Database>,
  p: { worker: string; now: Date; leaseUntil: Date; limit: number; channels: readonly ContactChannel[] },
): Promise<ClaimedMessage[]> {
  if (p.channels.length === 0) return [];
  const { rows } = await sql<Omit<ClaimedMessage, 'recovered'>>`
    with expired as (
      select id from outbox_messages
      where status = 'sending' and claimed_until < ${p.now} and channel = any(${[...p.channels]}::text[])
      order by claimed_until
      limit ${p.limit}
      for update skip locked
    )
    update outbox_messages m
       set claimed_by = ${p.worker}, claimed_until = ${p.leaseUntil}, attempts = m.attempts + 1
      from expired where m.id = expired.id
    returning ${RETURNING}`.execute(db);
  return rows.map((r) => ({ ...r, recovered: true }));
}

/**
 * Expired 'sending' rows on channels that cannot dedupe (SMTP, WhatsApp): whether the provider got
 * the message is unknown, so they are marked failed with `outcome_unknown` for a person to check —
 * never resent automatically. Returns the ids.
 */
export async function flagExpiredUnknown(db: Kysely<Database>, p: { now: Date; channels: readonly ContactChannel[]; limit: number }): Promise<string[]> {
  if (p.channels.length === 0) return [];
  const { rows } = await sql<{ id: string }>`
    with expired as (
      select id from outbox_messages
      where status = 'sending' and claimed_until < ${p.now} and channel = any(${[...p.channels]}::text[])
      limit ${p.limit}
      for update skip locked
    )
    update outbox_messages m
       set status = 'failed', review_state = 'needed', claimed_by = null, claimed_until = null,
           last_error = 'outcome_unknown: the dispatcher stopped while sending; not resent because this channel cannot dedupe'
      from expired where m.id = expired.id
    returning m.id`.execute(db);
  return rows.map((r) => r.id);
}

/** A successful send, written only if this worker still holds the claim. */
export interface SentRecord {
  readonly id: string;
  readonly provider: string;
  readonly providerMessageId: string;
  readonly contactId: string | null;
  readonly subject: string | null;
  readonly body: string;
}

/** Marks sent rows in one statement (unnest of column arrays). Returns the ids updated. */
export async function markSent(db: Kysely<Database>, worker: string, sentAt: Date, records: readonly SentRecord[]): Promise<string[]> {
  if (records.length === 0) return [];
  const { rows } = await sql<{ id: string }>`
    update outbox_messages m
       set status = 'sent', provider = s.provider, provider_message_id = s.provider_message_id, contact_id = s.contact_id,
           subject = s.subject, body = s.body, sent_at = ${sentAt}, last_error = null, claimed_by = null, claimed_until = null
      from unnest(${records.map((r) => r.id)}::uuid[], ${records.map((r) => r.provider)}::text[], ${records.map((r) => r.providerMessageId)}::text[],
                  ${records.map((r) => r.contactId)}::uuid[], ${records.map((r) => r.subject)}::text[], ${records.map((r) => r.body)}::text[])
           as s(id, provider, provider_message_id, contact_id, subject, body)
     where m.id = s.id and m.status = 'sending' and m.claimed_by = ${worker}
    returning m.id`.execute(db);
  return rows.map((r) => r.id);
}

/** Puts a claimed row back to pending at `notBefore` (policy deferral or retry backoff). */
export async function reschedule(
  db: Kysely<Database>,
  p: { id: string; worker: string; notBefore: Date; lastError: string | null; undoAttempt: boolean; contactId?: string | null },
): Promise<boolean> {
  const res = await db
    .updateTable('outbox_messages')
    .set((eb) => ({
      status: 'pending',
      not_before: p.notBefore,
      last_error: p.lastError,
      claimed_by: null,
      claimed_until: null,
      attempts: p.undoAttempt ? eb('attempts', '-', 1) : eb.ref('attempts'),
    }))
    .where('id', '=', p.id)
    .where('status', '=', 'sending')
    .where('claimed_by', '=', p.worker)
    .executeTakeFirst();
  return res.numUpdatedRows > 0n;
}

/** Ends a claimed row for good: 'blocked' (policy or template refusal) or 'dead' (attempts exhausted, permanent error). */
export async function finish(
  db: Kysely<Database>,
  p: { id: string; worker: string; status: 'blocked' | 'dead'; reasons: readonly string[]; lastError: string | null },
): Promise<boolean> {
  const res = await db
    .updateTable('outbox_messages')
    .set({ status: p.status, block_reasons: [...p.reasons], last_error: p.lastError, claimed_by: null, claimed_until: null })
    .where('id', '=', p.id)
    .where('status', '=', 'sending')
    .where('claimed_by', '=', p.worker)
    .executeTakeFirst();
  return res.numUpdatedRows > 0n;
}

export interface OutboxEventRow {
  readonly outboxId: string;
  readonly event: string;
  readonly detail: Record<string, unknown>;
  readonly at: Date;
}

export async function insertEvents(db: Kysely<Database>, events: readonly OutboxEventRow[]): Promise<void> {
  if (events.length === 0) return;
  await sql`
    insert into outbox_events (outbox_id, event, detail, occurred_at)
    select o, e, d::jsonb, t from unnest(${events.map((e) => e.outboxId)}::uuid[], ${events.map((e) => e.event)}::text[],
                                         ${events.map((e) => JSON.stringify(e.detail))}::text[], ${events.map((e) => e.at)}::timestamptz[]) as u(o, e, d, t)`.execute(db);
}

/** What rendering needs about each account: amount, due date, VA, payment link, names. */
export interface RenderFacts {
  readonly debtorName: string;
  readonly creditorName: string;
  readonly outstanding: bigint;
  readonly dueDate: string | null;
  readonly vaNumber: string | null;
  /**
   * The account's newest active gateway payment link; without one, the VA as "VA <number>" (the default
   * strategy's overdue templates name `{{payment_link}}`, and an account with a VA can always be paid by it).
   * Null when the account has neither, so such a template is refused at render time, never sent half-filled.
   */
  readonly paymentLink: string | null;
}

export async function loadRenderFacts(db: Kysely<Database>, accountIds: readonly string[]): Promise<Map<string, RenderFacts>> {
  const out = new Map<string, RenderFacts>();
  if (accountIds.length === 0) return out;
  const rows = await db
    .selectFrom('accounts as a')
    .innerJoin('debtors as d', 'd.id', 'a.debtor_id')
    .innerJoin('creditors as c', 'c.id', 'a.creditor_id')
    .select(['a.id', 'd.full_name', 'c.name as creditor_name', 'a.outstanding_idr', 'a.oldest_unpaid_due_date', 'a.va_number'])
    .where('a.id', 'in', [...new Set(accountIds)])
    .execute();
  const links = await db
    .selectFrom('payment_instruments')
    .select(['account_id', 'payment_url'])
    .where('account_id', 'in', [...new Set(accountIds)])
    .where('kind', '=', 'link')
    .where('status', '=', 'active')
    .where('payment_url', 'is not', null)
    .orderBy('created_at', 'asc')
    .execute();
  const linkOf = new Map(links.map((l) => [l.account_id, l.payment_url!] as const)); // newest wins
  for (const r of rows) {
    const paymentLink = linkOf.get(r.id) ?? (r.va_number ? `VA ${r.va_number}` : null);
    out.set(r.id, { debtorName: r.full_name, creditorName: r.creditor_name, outstanding: r.outstanding_idr, dueDate: r.oldest_unpaid_due_date, vaNumber: r.va_number, paymentLink });
  }
  return out;
}

export interface TemplateRow {
  readonly code: string;
  readonly channel: string;
  readonly language: string;
  readonly version: number;
  readonly subject: string | null;
  readonly body: string;
}

/** The newest active version of each template code used by a batch, per channel and language. */
export async function loadTemplates(db: Kysely<Database>, codes: readonly string[]): Promise<Map<string, TemplateRow>> {
  const out = new Map<string, TemplateRow>();
  if (codes.length === 0) return out;
  const rows = await db
    .selectFrom('message_templates')
    .select(['code', 'channel', 'language', 'version', 'subject', 'body'])
    .where('status', '=', 'active')
    .where('code', 'in', [...new Set(codes)])
    .orderBy('version', 'desc')
    .execute();
  for (const r of rows) {
    const key = `${r.code}|${r.channel}|${r.language}`;
    if (!out.has(key)) out.set(key, r);
  }
  return out;
}

/** Encrypted address of each contact point (decrypted by the caller just before sending). */
export async function loadContactValues(db: Kysely<Database>, contactIds: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (contactIds.length === 0) return out;
  const rows = await db.selectFrom('debtor_contacts').select(['id', 'value_enc']).where('id', 'in', [...new Set(contactIds)]).execute();
  for (const r of rows) out.set(r.id, r.value_enc);
  return out;
}
