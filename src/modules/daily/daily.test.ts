import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/support/databases.ts';
import { seedDailyPortfolio } from '../../../bench/support/daily-portfolio.ts';
import type { Db } from '../../db/connection.ts';
import { delinquencyOf } from '../../domain/dpd.ts';
import { addDays } from '../../domain/dates.ts';
import { rupiah } from '../../domain/money.ts';
import { DailyBusyError, runDaily, DAILY_LEASE } from './index.ts';
import { outboxTestPlanner } from './test-planner.ts';
import { productionPlanner } from './planner.ts';
import type { BatchContactPlanner } from './treatments.ts';

const BASE = '2026-03-20';
const AT = new Date(`${BASE}T02:00:00+07:00`);
const N = 400;
const run = (db: Db, at = AT, planner: BatchContactPlanner = outboxTestPlanner(), pageSize = 64) => runDaily(db.kysely, { at, batchZone: 'Asia/Jakarta', planner, pageSize });
const accId = async (db: Db, i: number) => (await sql<{ id: string }>`select md5(${`a${i}`})::uuid::text as id`.execute(db.kysely)).rows[0]!.id;

async function snapshot(db: Db) {
  const k = db.kysely;
  return {
    ledger: (await k.selectFrom('strategy_treatments').select(['idempotency_key', 'outcome', 'action']).orderBy('idempotency_key').execute()).map((r) => `${r.idempotency_key}|${r.action}|${r.outcome}`),
    work: (await k.selectFrom('work_items').select(['idempotency_key', 'kind', 'queue']).orderBy('idempotency_key').execute()).map((r) => `${r.idempotency_key}|${r.kind}|${r.queue}`),
    outbox: (await k.selectFrom('outbox_messages').select(['idempotency_key', 'channel']).orderBy('idempotency_key').execute()).map((r) => `${r.idempotency_key}|${r.channel}`),
    history: Number((await k.selectFrom('delinquency_history').select((eb) => eb.fn.countAll<bigint>().as('n')).executeTakeFirstOrThrow()).n),
  };
}

describe.each(testDatabases)('daily batch on $name', (target) => {
  let db: Db;
  beforeAll(async () => {
    db = await target.open();
    await seedDailyPortfolio(db.kysely, { accounts: N, baseDate: BASE });
  });
  afterAll(async () => db.close());

  it('recomputes delinquency, evaluates promises, and creates treatments as real rows', async () => {
    const s = await run(db);
    const active = N - Math.floor(N / 101);
    expect(s).toMatchObject({ business_date: BASE, strategy_version: 1, default_strategy_seeded: true, resumed: false, rerun: false, accounts: active, transitions: active });
    // i % 50 = 0 promised 5 days ago: kept when i % 100 = 0 (a payment of the full amount), otherwise broken.
    expect(s.promises).toEqual({ evaluated: 8, kept: 4, partially_kept: 0, broken: 4 });
    const ptp = await db.kysely.selectFrom('promises_to_pay').select(['status']).where('promised_date', '<', BASE).execute();
    expect(ptp.map((p) => p.status).sort()).toEqual(['broken', 'broken', 'broken', 'broken', 'kept', 'kept', 'kept', 'kept']);

    // Account 1: oldest unpaid instalment 27 days before the base date; the domain's delinquencyOf agrees.
    const a1 = await db.kysely.selectFrom('accounts').select(['id', 'dpd', 'bucket', 'kol', 'oldest_unpaid_due_date', 'delinquency_as_of']).where('id', '=', await accId(db, 1)).executeTakeFirstOrThrow();
    const expected = delinquencyOf([{ seq: 1, dueDate: addDays(BASE, -27), amountDue: rupiah(1), amountPaid: rupiah(0) }], BASE);
    expect(a1).toMatchObject({ dpd: expected.dpd, bucket: expected.bucket.code, kol: expected.kol, oldest_unpaid_due_date: addDays(BASE, -27), delinquency_as_of: BASE });
    const h1 = await db.kysely.selectFrom('delinquency_history').selectAll().where('account_id', '=', a1.id).execute();
    expect(h1).toMatchObject([{ bucket: '1-30', kol: 2, added_on: BASE, lifted_on: null }]);

    const snap = await snapshot(db);
    expect(s.treatments.created).toBe(snap.ledger.length);
    expect(s.treatments.tasks + s.treatments.escalations).toBe(snap.work.length);
    expect(s.treatments.contacts_planned).toBe(snap.outbox.length);
    expect(s.treatments.contacts_blocked).toBeGreaterThan(0);
    // Every work item and outbox row carries the key of a ledger row.
    const keys = new Set(snap.ledger.map((l) => l.split('|')[0]));
    for (const w of [...snap.work, ...snap.outbox]) expect(keys.has(w.split('|')[0])).toBe(true);
    const blocked = await db.kysely.selectFrom('strategy_treatments').select(['reasons']).where('outcome', '=', 'blocked').execute();
    expect(blocked.every((b) => b.reasons.includes('test_no_email'))).toBe(true);
    // Escalations move the account's open case to the level-2 queue.
    const esc = await db.kysely.selectFrom('strategy_treatments').select('account_id').where('action', '=', 'escalate').execute();
    if (esc.length > 0) {
      const cases = await db.kysely.selectFrom('cases').select(['queue']).where('account_id', 'in', esc.map((e) => e.account_id)).where('status', '=', 'open').execute();
      expect(cases.length).toBe(new Set(esc.map((e) => e.account_id)).size);
    }
  });

  it('never treats an account with an open dispute, a hardship plan or a pending promise', async () => {
    const r = await sql<{ n: number }>`
      select count(*)::int as n from strategy_treatments t join accounts a on a.id = t.account_id
       where a.hardship_until >= ${BASE}::date
          or exists (select 1 from disputes d where d.debtor_id = t.debtor_id and d.status = 'open')
          or exists (select 1 from promises_to_pay p where p.account_id = t.account_id and p.status = 'pending')`.execute(db.kysely);
    expect(r.rows[0]!.n).toBe(0);
  });

  it('re-running the same day creates nothing new', async () => {
    const before = await snapshot(db);
    const s = await run(db);
    expect(s).toMatchObject({ rerun: true, resumed: false, transitions: 0, delinquency_updated: 0 });
    expect(s.treatments.created).toBe(0);
    expect(s.treatments.already_done).toBe(s.treatments.due);
    expect(await snapshot(db)).toEqual(before);
  });

  it('the next day moves DPD on, records bucket transitions, and fires only the new steps', async () => {
    const before = await snapshot(db);
    const s = await run(db, new Date(`${addDays(BASE, 1)}T02:00:00+07:00`));
    expect(s.business_date).toBe(addDays(BASE, 1));
    expect(s.transitions).toBeGreaterThan(0);
    const after = await snapshot(db);
    expect(after.history).toBe(before.history + s.transitions);
    for (const k of before.ledger) expect(after.ledger).toContain(k);
    expect(after.ledger.length).toBe(before.ledger.length + s.treatments.created);
    // The open history row follows the account; a bucket change closes the previous row on the new date.
    const id = await accId(db, 9);
    const a = await db.kysely.selectFrom('accounts').select(['dpd', 'bucket']).where('id', '=', id).executeTakeFirstOrThrow();
    const h = await db.kysely.selectFrom('delinquency_history').select(['bucket', 'added_on', 'lifted_on']).where('account_id', '=', id).orderBy('id').execute();
    expect(h.at(-1)).toMatchObject({ bucket: a.bucket, lifted_on: null });
    if (h.length > 1) expect(h[0]!.lifted_on).toBe(addDays(BASE, 1));
  });

  it('resumes a run that died mid-way, ending with exactly what an uninterrupted run creates', async () => {
    const other = await target.open();
    try {
      await seedDailyPortfolio(other.kysely, { accounts: N, baseDate: BASE });
      const clean = await run(other);
      const dying = outboxTestPlanner({ failOnCall: 5 });
      await expect(runDaily(other.kysely, { at: new Date(`${addDays(BASE, 1)}T02:00:00+07:00`), batchZone: 'Asia/Jakarta', planner: dying, pageSize: 32 })).rejects.toThrow('simulated crash');
      const failedRun = await other.kysely.selectFrom('batch_runs').select(['status', 'checkpoint']).where('business_date', '=', addDays(BASE, 1)).executeTakeFirstOrThrow();
      expect(failedRun.status).toBe('failed');
      const resumed = await run(other, new Date(`${addDays(BASE, 1)}T02:00:00+07:00`), outboxTestPlanner(), 32);
      expect(resumed.resumed).toBe(true);

      // The reference: the same two days without a crash, on a third database.
      const ref = await target.open();
      try {
        await seedDailyPortfolio(ref.kysely, { accounts: N, baseDate: BASE });
        await run(ref);
        const refDay2 = await run(ref, new Date(`${addDays(BASE, 1)}T02:00:00+07:00`));
        expect(await snapshot(other)).toEqual(await snapshot(ref));
        expect(resumed.treatments).toEqual(refDay2.treatments);
        expect(resumed.accounts).toBe(refDay2.accounts);
        expect(clean.treatments.created).toBeGreaterThan(0);
      } finally {
        await ref.close();
      }
    } finally {
      await other.close();
    }
  });

  it('plans contacts through the send path: policy decision recorded, outbox row written, once', async () => {
    const fresh = await target.open();
    try {
      await seedDailyPortfolio(fresh.kysely, { accounts: 200, baseDate: BASE });
      const s = await run(fresh, AT, productionPlanner(AT));
      expect(s.treatments.contacts_planned + s.treatments.contacts_blocked).toBeGreaterThan(0);
      const planned = await fresh.kysely
        .selectFrom('strategy_treatments as t')
        .innerJoin('outbox_messages as o', 'o.id', 't.outbox_id')
        .select(['t.idempotency_key', 't.outcome', 'o.idempotency_key as okey', 'o.status', 'o.not_before'])
        .where('t.action', '=', 'contact')
        .execute();
      expect(planned.length).toBeGreaterThan(0);
      for (const p of planned) {
        expect(p.okey).toBe(p.idempotency_key);
        expect(p.outcome === 'planned' ? p.status === 'pending' : p.status === 'blocked').toBe(true);
      }
      const decisions = await fresh.kysely.selectFrom('contact_decisions').select(['stage']).execute();
      expect(decisions.length).toBeGreaterThanOrEqual(planned.length);
      expect(new Set(decisions.map((d) => d.stage))).toEqual(new Set(['plan']));
      const outboxBefore = (await snapshot(fresh)).outbox.length;
      const again = await run(fresh, AT, productionPlanner(AT));
      expect(again.treatments.created).toBe(0);
      expect((await snapshot(fresh)).outbox.length).toBe(outboxBefore);
    } finally {
      await fresh.close();
    }
  });

  it('refuses to run while another node holds the lease', async () => {
    await db.kysely.insertInto('leases').values({ name: DAILY_LEASE, holder: 'elsewhere:1:x', expires_at: new Date(Date.now() + 60_000) }).execute();
    await expect(run(db)).rejects.toBeInstanceOf(DailyBusyError);
    await db.kysely.deleteFrom('leases').where('name', '=', DAILY_LEASE).execute();
  });
});
