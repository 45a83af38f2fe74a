import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/support/databases.ts';
import { testDeps } from '../../../test/support/app.ts';
import type { AppDeps } from '../../app-deps.ts';
import type { Db } from '../../db/connection.ts';
import type { ContactChannel } from '../../db/schema-collection.ts';
import type { PlannedContact } from '../../lib/contact-planner.ts';
import type { AdapterRegistry, ChannelAdapter } from './channels/adapter.ts';
import { sandboxAdapter } from './channels/sandbox.ts';
import { workQueueAdapter } from './channels/work-queue.ts';
import { claimDue } from './dispatch-repo.ts';
import { createDispatcher, type Dispatcher } from './dispatcher.ts';
import { createContactPlanner } from './planner.ts';
import { applyWhatsAppStatuses } from './whatsapp-webhook.ts';
import { fakeAdapter } from './test-support/fake-adapter.ts';
import { addTemplate, makeDebtor, planned, type DebtorFixture } from './test-support/fixtures.ts';

const TUE_10_WIB = new Date('2026-11-24T03:00:00Z');

describe.each(testDatabases)('dispatcher on $name', (target) => {
  let db: Db;
  let deps: AppDeps;
  let clock: Date;
  let code: string;
  let n = 0;

  beforeAll(async () => {
    db = await target.open();
    deps = testDeps(db, { now: () => clock });
  });
  afterAll(async () => db.close());
  beforeEach(async () => {
    clock = TUE_10_WIB;
    // A fresh template code per test, so each test's outbox rows are its own.
    code = `tpl${++n}`;
    for (const ch of ['sms', 'whatsapp', 'email'] as const) await addTemplate(deps, code, ch);
    // Nothing left over from an earlier test is due.
    await db.kysely.updateTable('outbox_messages').set({ status: 'cancelled' }).where('status', 'in', ['pending', 'sending']).execute();
  });

  const registry = (over: Partial<Record<ContactChannel, ChannelAdapter>> = {}): AdapterRegistry => {
    const sandbox = sandboxAdapter(db.kysely);
    const tasks = workQueueAdapter(db.kysely, () => clock);
    return { sms: sandbox, whatsapp: sandbox, email: sandbox, voice: tasks, field: tasks, ...over };
  };
  const dispatcher = (adapters: AdapterRegistry, workerId = 'w1', leaseMs = 60_000): Dispatcher =>
    createDispatcher({ db: db.kysely, cipher: deps.cipher, adapters }, { workerId, batchSize: 50, leaseMs, backoff: { baseMs: 30_000, maxMs: 600_000 }, now: () => clock });
  const plan = async (contacts: PlannedContact[]) => {
    const planner = createContactPlanner({ now: () => clock });
    const out = await db.kysely.transaction().execute((trx) => planner.planMany(trx, contacts));
    return out.map((o) => (o.status === 'pending' ? o.outboxId : Promise.reject(new Error(o.status)))) as string[];
  };
  const row = (id: string) => db.kysely.selectFrom('outbox_messages').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const events = async (id: string) => (await db.kysely.selectFrom('outbox_events').select('event').where('outbox_id', '=', id).orderBy('id').execute()).map((e) => e.event);
  const msg = (d: DebtorFixture, channel: ContactChannel = 'sms', over: Partial<PlannedContact> = {}) => planned(d, channel, clock, { templateCode: code, ...over });

  it('renders at send time, sends through the sandbox, records provider id, decision and event', async () => {
    const d = await makeDebtor(deps);
    const [id] = await plan([msg(d)]);
    const s = await dispatcher(registry()).runBatch();
    expect(s).toMatchObject({ claimed: 1, sent: 1 });
    const r = await row(id!);
    expect(r).toMatchObject({ status: 'sent', provider: 'sandbox', attempts: 1, claimed_by: null, contact_id: d.phoneId });
    expect(r.provider_message_id).toMatch(/^sandbox-\d+$/);
    expect(r.body).toContain('Rp1.250.000');
    expect(r.body).toContain('Jumat, 20 November 2026');
    expect(r.body).toContain('Bank Maju');
    const sandbox = await db.kysely.selectFrom('outbox_sandbox').selectAll().where('outbox_id', '=', id!).execute();
    expect(sandbox).toHaveLength(1);
    expect(await db.kysely.selectFrom('contact_decisions').select(['stage', 'allowed']).where('outbox_id', '=', id!).orderBy('id').execute()).toEqual([
      { stage: 'plan', allowed: true },
      { stage: 'dispatch', allowed: true },
    ]);
    expect(await events(id!)).toEqual(['sent']);
  });

  it('re-checks the policy at send time: an opt-out recorded after planning blocks the send, with the decision', async () => {
    const d = await makeDebtor(deps);
    const [id] = await plan([msg(d)]);
    await db.kysely.insertInto('contact_channel_preferences').values({ contact_id: d.phoneId, channel: 'sms', consent: 'opted_out', source: 'debtor' }).execute();
    const fake = fakeAdapter();
    const s = await dispatcher(registry({ sms: fake })).runBatch();
    expect(s).toMatchObject({ claimed: 1, blocked: 1, sent: 0 });
    expect(fake.calls).toHaveLength(0);
    expect(await row(id!)).toMatchObject({ status: 'blocked', block_reasons: ['opted_out'] });
    expect(await db.kysely.selectFrom('contact_decisions').select(['stage', 'allowed', 'reasons']).where('outbox_id', '=', id!).where('stage', '=', 'dispatch').execute()).toEqual([
      { stage: 'dispatch', allowed: false, reasons: ['opted_out'] },
    ]);
    expect(await events(id!)).toEqual(['blocked_at_dispatch']);
  });

  it('re-checks the window at send time: a message still pending at 21:00 is moved to 08:00, attempt undone', async () => {
    const d = await makeDebtor(deps);
    const [id] = await plan([msg(d)]);
    clock = new Date('2026-11-24T14:00:00Z');
    const fake = fakeAdapter();
    expect(await dispatcher(registry({ sms: fake })).runBatch()).toMatchObject({ claimed: 1, deferred: 1 });
    expect(fake.calls).toHaveLength(0);
    const r = await row(id!);
    expect(r).toMatchObject({ status: 'pending', attempts: 0, claimed_by: null });
    expect(r.not_before.toISOString()).toBe('2026-11-25T01:00:00.000Z');
  });

  it('retries transient failures with exponential backoff, then sends', async () => {
    const d = await makeDebtor(deps);
    const [id] = await plan([msg(d)]);
    const fake = fakeAdapter({ script: (m, call) => (call <= 2 ? { ok: false, retryable: true, error: 'HTTP 503' } : { ok: true, provider: 'fake', providerMessageId: `p-${m.outboxId}` }) });
    const w = dispatcher(registry({ sms: fake }));
    expect(await w.runBatch()).toMatchObject({ retried: 1 });
    let r = await row(id!);
    expect(r).toMatchObject({ status: 'pending', attempts: 1, last_error: 'HTTP 503' });
    expect(r.not_before.getTime() - clock.getTime()).toBe(30_000);
    expect(await w.runBatch()).toMatchObject({ claimed: 0 });
    clock = new Date(clock.getTime() + 30_000);
    expect(await w.runBatch()).toMatchObject({ retried: 1 });
    r = await row(id!);
    expect(r.not_before.getTime() - clock.getTime()).toBe(60_000);
    clock = new Date(clock.getTime() + 60_000);
    expect(await w.runBatch()).toMatchObject({ sent: 1 });
    expect(await row(id!)).toMatchObject({ status: 'sent', attempts: 3, provider: 'fake', last_error: null });
    expect(await events(id!)).toEqual(['retry_scheduled', 'retry_scheduled', 'sent']);
  });

  it('dead-letters after max_attempts, and at once on a permanent error', async () => {
    const d = await makeDebtor(deps);
    const [flaky, rejected] = await plan([msg(d), msg(d, 'whatsapp')]);
    await db.kysely.updateTable('outbox_messages').set({ max_attempts: 2 }).where('id', '=', flaky!).execute();
    const down = fakeAdapter({ script: () => ({ ok: false, retryable: true, error: 'connect ECONNREFUSED' }) });
    const refuses = fakeAdapter({ script: () => ({ ok: false, retryable: false, error: 'HTTP 400 invalid number' }) });
    const w = dispatcher(registry({ sms: down, whatsapp: refuses }));
    expect(await w.runBatch()).toMatchObject({ retried: 1, dead: 1 });
    expect(await row(rejected!)).toMatchObject({ status: 'dead', attempts: 1 });
    expect((await row(rejected!)).last_error).toContain('permanent provider error: HTTP 400');
    clock = new Date(clock.getTime() + 30_000);
    expect(await w.runBatch()).toMatchObject({ dead: 1 });
    const r = await row(flaky!);
    expect(r).toMatchObject({ status: 'dead', attempts: 2 });
    expect(r.last_error).toContain('attempts exhausted (2/2)');
    expect(await events(flaky!)).toEqual(['retry_scheduled', 'dead_lettered']);
  });

  it('never sends a text that fails the compliance lint, and says why', async () => {
    const d = await makeDebtor(deps);
    await addTemplate(deps, `${code}-bad`, 'sms', '{{creditor_name}}: bayar {{amount}} atau kami lapor polisi. Balas BERHENTI.');
    const [id] = await plan([msg(d, 'sms', { templateCode: `${code}-bad` })]);
    const [missing] = await plan([msg(d, 'email', { templateCode: 'no-such-template' })]);
    const fake = fakeAdapter();
    expect(await dispatcher(registry({ sms: fake, email: fake })).runBatch()).toMatchObject({ refused: 2, sent: 0 });
    expect(fake.calls).toHaveLength(0);
    const r = await row(id!);
    expect(r).toMatchObject({ status: 'blocked', block_reasons: ['lint:threat_criminal'] });
    expect(r.last_error).toContain('lapor polisi');
    expect(await row(missing!)).toMatchObject({ status: 'blocked', block_reasons: ['template_missing'] });
  });

  it('turns a voice contact into one call task in the work queue', async () => {
    const d = await makeDebtor(deps);
    const [id] = await plan([msg(d, 'voice', { templateCode: 'none' })]);
    expect(await dispatcher(registry()).runBatch()).toMatchObject({ sent: 1 });
    const r = await row(id!);
    const items = await db.kysely.selectFrom('work_items').selectAll().where('idempotency_key', '=', r.idempotency_key).execute();
    expect(items).toMatchObject([{ kind: 'call', queue: 'desk_l1', debtor_id: d.debtorId, status: 'open' }]);
    expect(r.provider_message_id).toBe(items[0]!.id);
  });

  it('takes over an expired claim: resends with the same key on a deduping channel, flags it on one that cannot dedupe', async () => {
    const d = await makeDebtor(deps);
    const [sms, wa] = await plan([msg(d), msg(d, 'whatsapp')]);
    // A worker claims both and dies (no outcome recorded).
    expect(await claimDue(db.kysely, { worker: 'ghost', now: clock, leaseUntil: new Date(clock.getTime() + 60_000), limit: 10 })).toHaveLength(2);
    const dedupes = fakeAdapter({ dedupesByKey: true });
    const cannot = fakeAdapter({ dedupesByKey: false });
    const w = dispatcher(registry({ sms: dedupes, whatsapp: cannot }));
    expect(await w.runBatch()).toMatchObject({ claimed: 0, unknown: 0 });
    clock = new Date(clock.getTime() + 61_000);
    expect(await w.runBatch()).toMatchObject({ recovered: 1, sent: 1, unknown: 1 });
    expect(dedupes.calls.map((c) => c.outboxId)).toEqual([sms]);
    expect(cannot.calls).toHaveLength(0);
    expect(await row(sms!)).toMatchObject({ status: 'sent', attempts: 2 });
    const flagged = await row(wa!);
    expect(flagged.status).toBe('failed');
    expect(flagged.last_error).toMatch(/^outcome_unknown/);
    expect(await events(wa!)).toEqual(['outcome_unknown']);
  });

  it('keeps WhatsApp reports that arrive before the send is recorded and applies them when it is', async () => {
    const d = await makeDebtor(deps);
    const [id] = await plan([msg(d, 'whatsapp')]);
    const wamid = (key: string) => `wamid.${key}`;
    // Meta's webhook can beat our commit: the reports reach the webhook while the dispatcher is still sending.
    const racing: ChannelAdapter = {
      name: 'whatsapp',
      dedupesByKey: false,
      async send(m) {
        const reports = [
          { providerMessageId: wamid(m.idempotencyKey), status: 'delivered' as const, at: new Date(clock.getTime() + 2000), error: null },
          { providerMessageId: wamid(m.idempotencyKey), status: 'sent' as const, at: new Date(clock.getTime() + 1000), error: null },
        ];
        expect(await applyWhatsAppStatuses(db.kysely, reports, clock)).toBe(0);
        return { ok: true, provider: 'whatsapp', providerMessageId: wamid(m.idempotencyKey) };
      },
    };
    expect(await dispatcher(registry({ whatsapp: racing })).runBatch()).toMatchObject({ sent: 1 });
    expect(await row(id!)).toMatchObject({ status: 'delivered', delivered_at: new Date(clock.getTime() + 2000) });
    expect((await events(id!)).slice(-2)).toEqual(['sent', 'delivered']);
    expect(await db.kysely.selectFrom('early_delivery_reports').selectAll().where('provider_message_id', 'like', 'wamid.%').execute()).toEqual([]);
  });

  it('drops reports on message ids Tagih never records once they are a day old', async () => {
    const report = (id: string) => ({ providerMessageId: id, status: 'delivered' as const, at: clock, error: null });
    await applyWhatsAppStatuses(db.kysely, [report('wamid.assistant-reply')], clock);
    const stored = () => db.kysely.selectFrom('early_delivery_reports').select('provider_message_id').where('provider_message_id', 'like', 'wamid.%').orderBy('id').execute();
    expect(await stored()).toEqual([{ provider_message_id: 'wamid.assistant-reply' }]);
    await applyWhatsAppStatuses(db.kysely, [report('wamid.next-day')], new Date(clock.getTime() + 25 * 3600_000));
    expect(await stored()).toEqual([{ provider_message_id: 'wamid.next-day' }]);
  });

  it('lets several workers drain one outbox with each message sent exactly once', async () => {
    const debtors = await Promise.all(Array.from({ length: 12 }, () => makeDebtor(deps)));
    const ids = await plan(debtors.flatMap((d) => [msg(d), msg(d, 'email'), msg(d, 'whatsapp')]));
    const fake = fakeAdapter();
    const adapters = registry({ sms: fake, email: fake, whatsapp: fake });
    const workers = [1, 2, 3].map((i) => createDispatcher({ db: db.kysely, cipher: deps.cipher, adapters }, { workerId: `w${i}`, batchSize: 5, leaseMs: 60_000, backoff: { baseMs: 1000, maxMs: 1000 }, now: () => clock }));
    await Promise.all(workers.map((w) => w.run({ untilIdle: true, pollMs: 5 })));
    expect(fake.calls).toHaveLength(ids.length);
    expect([...fake.deliveries.values()].every((n) => n === 1)).toBe(true);
    const statuses = await db.kysely.selectFrom('outbox_messages').select('status').where('id', 'in', ids).execute();
    expect(statuses.every((s) => s.status === 'sent')).toBe(true);
    // Addresses were decrypted for the provider: phone for sms/whatsapp, email for email.
    expect(fake.calls.filter((c) => c.channel === 'email').every((c) => c.to?.includes('@'))).toBe(true);
    expect(fake.calls.filter((c) => c.channel === 'sms').every((c) => c.to?.startsWith('+62'))).toBe(true);
  });
});
