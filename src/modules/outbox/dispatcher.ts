import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { CONTACT_CHANNELS, type ContactChannel } from '../../db/schema-collection.ts';
import type { PiiCipher } from '../../lib/pii-cipher.ts';
import { DEFAULT_BACKOFF, retryDelayMs, type BackoffPolicy } from './backoff.ts';
import type { AdapterRegistry, OutboundMessage, SendResult } from './channels/adapter.ts';
import { decideContact, historySince } from './decide.ts';
import { loadDebtorContexts } from './debtor-context.ts';
import {
  claimDue,
  claimExpired,
  finish,
  flagExpiredUnknown,
  insertEvents,
  loadContactValues,
  loadRenderFacts,
  loadTemplates,
  markSent,
  reschedule,
  type ClaimedMessage,
  type OutboxEventRow,
  type SentRecord,
} from './dispatch-repo.ts';
import { asPurpose } from './history.ts';
import { applyEarlyReports } from './whatsapp-webhook.ts';
import { insertDecisions, type DecisionRow } from './planner-repo.ts';
import { loadPolicyContext } from './policy-context.ts';
import { renderOutbound } from './render-message.ts';

/*
 * Crash safety — why a kill -9 anywhere never sends a message twice, and never loses one:
 *
 * 1. A row is claimed (pending → sending, lease `claimed_until`) in one committed statement with
 *    FOR UPDATE SKIP LOCKED; no two live workers ever hold the same row.
 * 2. Every send carries the outbox idempotency key to the provider (HTTP Idempotency-Key, sandbox and
 *    work-item unique keys). The row becomes 'sent' only after the provider accepted it.
 * 3. A worker that dies between 1 and 2's bookkeeping leaves the row 'sending' with a lease. After the
 *    lease expires another worker takes it over: on channels whose provider dedupes by key it resends
 *    with the same key (the provider returns the first message, the person gets one); on channels that
 *    cannot dedupe (SMTP, WhatsApp Cloud API) it marks the row failed/outcome_unknown for review rather
 *    than risk a second message.
 * 4. All bookkeeping writes are guarded by `status = 'sending' and claimed_by = me`, so a worker that
 *    lost its claim cannot overwrite the outcome recorded by the one that took over.
 * The lease (default 5 min) is far longer than a provider call's timeout (30 s), so a live worker
 * never loses a claim it is still using.
 */

export interface DispatcherOptions {
  /** Written to `claimed_by`; unique per worker (host:pid:n). */
  readonly workerId: string;
  readonly batchSize: number;
  readonly leaseMs: number;
  readonly backoff: BackoffPolicy;
  readonly now: () => Date;
}

export const DEFAULT_DISPATCHER: Omit<DispatcherOptions, 'workerId' | 'now'> = { batchSize: 100, leaseMs: 5 * 60_000, backoff: DEFAULT_BACKOFF };

export interface DispatchDeps {
  readonly db: Kysely<Database>;
  readonly cipher: PiiCipher;
  readonly adapters: AdapterRegistry;
}

/** What one batch did. Every claimed row ends in exactly one of sent/deferred/blocked/refused/retried/dead/lost. */
export interface BatchSummary {
  claimed: number;
  recovered: number;
  sent: number;
  deferred: number;
  blocked: number;
  refused: number;
  retried: number;
  dead: number;
  /** Expired claims on non-deduping channels, flagged for review. */
  unknown: number;
  /** Outcomes not recorded because another worker took the claim over (lease expired). */
  lost: number;
}

export function emptySummary(): BatchSummary {
  return { claimed: 0, recovered: 0, sent: 0, deferred: 0, blocked: 0, refused: 0, retried: 0, dead: 0, unknown: 0, lost: 0 };
}

export function addSummary(into: BatchSummary, s: BatchSummary): void {
  for (const k of Object.keys(into) as (keyof BatchSummary)[]) into[k] += s[k];
}

interface Ready {
  readonly m: ClaimedMessage;
  readonly contactId: string | null;
  readonly subject: string | null;
  readonly body: string;
  readonly templateVersion: number | null;
}

/** One dispatcher worker. Several run at once (in one process or many); they coordinate only through row locks. */
export interface Dispatcher {
  /** Claims, checks, renders, sends and records one batch. */
  runBatch(): Promise<BatchSummary>;
  /** Loops until `signal` aborts (or, with `untilIdle`, until nothing is due and nothing is in flight). */
  run(opts: { signal?: AbortSignal; pollMs?: number; untilIdle?: boolean }): Promise<BatchSummary>;
}

export function createDispatcher(deps: DispatchDeps, options: DispatcherOptions): Dispatcher {
  const { db, adapters } = deps;
  const worker = options.workerId;
  const resendable = CONTACT_CHANNELS.filter((c) => adapters[c].dedupesByKey);
  const reviewOnly = CONTACT_CHANNELS.filter((c) => !adapters[c].dedupesByKey);

  async function runBatch(): Promise<BatchSummary> {
    const s = emptySummary();
    const now = options.now();
    const leaseUntil = new Date(now.getTime() + options.leaseMs);
    const events: OutboxEventRow[] = [];
    const event = (outboxId: string, name: string, detail: Record<string, unknown> = {}) => events.push({ outboxId, event: name, detail, at: options.now() });

    // Each state change commits together with its events, so the event log never misses a transition.
    s.unknown = await db.transaction().execute(async (trx) => {
      const unknown = await flagExpiredUnknown(trx, { now, channels: reviewOnly, limit: options.batchSize });
      await insertEvents(trx, unknown.map((id) => ({ outboxId: id, event: 'outcome_unknown', detail: { worker }, at: now })));
      return unknown.length;
    });
    const recovered = await claimExpired(db, { worker, now, leaseUntil, limit: options.batchSize, channels: resendable });
    const fresh = recovered.length < options.batchSize ? await claimDue(db, { worker, now, leaseUntil, limit: options.batchSize - recovered.length }) : [];
    const claimed = [...recovered, ...fresh].sort((a, b) => a.not_before.getTime() - b.not_before.getTime());
    s.claimed = claimed.length;
    s.recovered = recovered.length;
    if (claimed.length === 0) return s;

    // Context for the whole batch in a handful of queries.
    const policy = await loadPolicyContext(db);
    const debtors = await loadDebtorContexts(db, claimed.map((m) => m.debtor_id), {
      since: historySince(now),
      countPlanned: false,
      excludeOutboxIds: claimed.map((m) => m.id),
    });
    const templates = await loadTemplates(db, claimed.flatMap((m) => (m.template_code ? [m.template_code] : [])));
    const facts = await loadRenderFacts(db, claimed.flatMap((m) => (m.account_id ? [m.account_id] : [])));

    const decisions: DecisionRow[] = [];
    const ready: Ready[] = [];
    const writes: ((trx: Kysely<Database>) => Promise<unknown>)[] = [];
    for (const m of claimed) {
      const purpose = asPurpose(m.purpose) ?? 'collect';
      const debtor = debtors.get(m.debtor_id);
      const decision = decideContact(policy, debtor, m.channel, purpose, now);
      decisions.push({
        decided_at: now,
        debtor_id: m.debtor_id,
        account_id: m.account_id,
        contact_id: decision.contactId,
        channel: m.channel,
        purpose: m.purpose,
        allowed: decision.allowed,
        reasons: [...decision.reasons],
        next_allowed_at: decision.nextAllowedAt,
        policy_version: policy.version,
        stage: 'dispatch',
        outbox_id: m.id,
      });
      if (!decision.allowed) {
        const next = decision.nextAllowedAt;
        if (next) {
          s.deferred++;
          event(m.id, 'deferred', { reasons: decision.reasons, next_allowed_at: next.toISOString() });
          writes.push((trx) => reschedule(trx, { id: m.id, worker, notBefore: next, lastError: null, undoAttempt: true }));
        } else {
          s.blocked++;
          event(m.id, 'blocked_at_dispatch', { reasons: decision.reasons });
          writes.push((trx) => finish(trx, { id: m.id, worker, status: 'blocked', reasons: decision.reasons, lastError: null }));
        }
        continue;
      }
      // Later messages of this batch to the same debtor count this one against the caps.
      debtor?.history.push({ at: now, channel: m.channel, outcome: 'sent', purpose });
      const rendered = renderOutbound(
        { channel: m.channel, language: m.language, templateCode: m.template_code, treatmentCode: m.treatment_code, purpose: m.purpose },
        templates,
        m.account_id ? facts.get(m.account_id) : undefined,
      );
      if (!rendered.ok) {
        s.refused++;
        event(m.id, 'render_refused', { reasons: rendered.reasons, error: rendered.error });
        writes.push((trx) => finish(trx, { id: m.id, worker, status: 'blocked', reasons: rendered.reasons, lastError: rendered.error }));
        continue;
      }
      ready.push({ m, contactId: decision.contactId, subject: rendered.subject, body: rendered.body, templateVersion: rendered.templateVersion });
    }
    const decidedEvents = events.splice(0);
    await db.transaction().execute(async (trx) => {
      await insertDecisions(trx, decisions);
      for (const write of writes) await write(trx);
      await insertEvents(trx, decidedEvents);
    });

    const addresses = await loadContactValues(db, ready.flatMap((r) => (r.contactId ? [r.contactId] : [])));
    const results = await Promise.all(ready.map((r) => sendOne(r, addresses)));

    const sent: SentRecord[] = [];
    const failed: { m: ClaimedMessage; result: Extract<SendResult, { ok: false }> }[] = [];
    ready.forEach((r, i) => {
      const result = results[i]!;
      if (result.ok) sent.push({ id: r.m.id, provider: result.provider, providerMessageId: result.providerMessageId, contactId: r.contactId, subject: r.subject, body: r.body });
      else failed.push({ m: r.m, result });
    });
    const recoveredIds = new Set(recovered.map((m) => m.id));
    // Outcomes, their events and retries commit together: a crash before this commit leaves the rows
    // 'sending' (taken over after the lease), a crash after it leaves nothing to redo.
    await db.transaction().execute(async (trx) => {
      const marked = new Set(await markSent(trx, worker, options.now(), sent));
      for (const r of sent) {
        if (marked.has(r.id)) {
          s.sent++;
          event(r.id, 'sent', { provider: r.provider, provider_message_id: r.providerMessageId, worker, recovered: recoveredIds.has(r.id) });
        } else {
          s.lost++;
        }
      }
      for (const f of failed) await recordFailure(trx, f.m, f.result, s, event);
      await insertEvents(trx, events);
      // Reports WhatsApp sent before these ids were known (after the 'sent' events, so events stay in order).
      await applyEarlyReports(trx, sent.filter((r) => r.provider === 'whatsapp' && marked.has(r.id)));
    });
    return s;
  }

  async function sendOne(r: Ready, addresses: ReadonlyMap<string, string>): Promise<SendResult> {
    let to: string | null = null;
    if (r.contactId) {
      const enc = addresses.get(r.contactId);
      if (!enc) return { ok: false, retryable: false, error: 'contact point no longer exists' };
      try {
        to = deps.cipher.decrypt(enc);
      } catch (err) {
        return { ok: false, retryable: false, error: `contact point cannot be decrypted: ${(err as Error).message}` };
      }
    }
    const message: OutboundMessage = {
      outboxId: r.m.id,
      idempotencyKey: r.m.idempotency_key,
      channel: r.m.channel,
      debtorId: r.m.debtor_id,
      accountId: r.m.account_id,
      contactId: r.contactId,
      to,
      subject: r.subject,
      body: r.body,
      queueHint: null,
    };
    try {
      return await adapters[r.m.channel].send(message);
    } catch (err) {
      return { ok: false, retryable: true, error: `${adapters[r.m.channel].name}: ${(err as Error).message}` };
    }
  }

  async function recordFailure(
    trx: Kysely<Database>,
    m: ClaimedMessage, result: Extract<SendResult, { ok: false }>, s: BatchSummary, event: (id: string, name: string, detail?: Record<string, unknown>) => void): Promise<void> {
    if (result.retryable && m.attempts < m.max_attempts) {
      const delay = retryDelayMs(m.attempts, options.backoff);
      const notBefore = new Date(options.now().getTime() + delay);
      if (await reschedule(trx, { id: m.id, worker, notBefore, lastError: result.error, undoAttempt: false })) {
        s.retried++;
        event(m.id, 'retry_scheduled', { attempt: m.attempts, error: result.error, not_before: notBefore.toISOString() });
      } else s.lost++;
      return;
    }
    const reason = result.retryable ? `attempts exhausted (${m.attempts}/${m.max_attempts})` : 'permanent provider error';
    if (await finish(trx, { id: m.id, worker, status: 'dead', reasons: [], lastError: `${reason}: ${result.error}` })) {
      s.dead++;
      event(m.id, 'dead_lettered', { attempt: m.attempts, error: result.error, reason });
    } else s.lost++;
  }

  async function inFlightOrDue(): Promise<boolean> {
    const now = options.now();
    const { rows } = await sql<{ n: number }>`
      select 1 as n from outbox_messages where (status = 'pending' and not_before <= ${now}) or status = 'sending' limit 1`.execute(db);
    return rows.length > 0;
  }

  return {
    runBatch,
    async run({ signal, pollMs = 1000, untilIdle = false }) {
      const total = emptySummary();
      while (!signal?.aborted) {
        const s = await runBatch();
        addSummary(total, s);
        if (s.claimed > 0 || s.unknown > 0) continue;
        if (untilIdle && !(await inFlightOrDue())) break;
        await sleep(pollMs, signal);
      }
      return total;
    },
  };
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** The channel each adapter serves, for logs. */
export function describeAdapters(adapters: AdapterRegistry): Record<ContactChannel, string> {
  return Object.fromEntries(CONTACT_CHANNELS.map((c) => [c, adapters[c].name])) as Record<ContactChannel, string>;
}
