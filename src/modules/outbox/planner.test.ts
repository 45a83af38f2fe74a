import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/support/databases.ts';
import { testDeps } from '../../../test/support/app.ts';
import type { AppDeps } from '../../app-deps.ts';
import type { Db } from '../../db/connection.ts';
import { ID_OJK_POLICY } from '../../domain/contact-policy/index.ts';
import { createContactPlanner } from './planner.ts';
import { addEmergencyContact, makeDebtor, planned } from './test-support/fixtures.ts';

// Tuesday 24 November 2026, 10:00 WIB.
const TUE_10_WIB = new Date('2026-11-24T03:00:00Z');
// Same day 21:00 WIB: outside 08:00–20:00.
const TUE_21_WIB = new Date('2026-11-24T14:00:00Z');
const WED_08_WIB = new Date('2026-11-25T01:00:00Z');

describe.each(testDatabases)('ContactPlanner on $name', (target) => {
  let db: Db;
  let deps: AppDeps;
  const planner = createContactPlanner({ now: () => new Date('2026-11-24T00:00:00Z') });
  const plan = (c: Parameters<typeof planner.plan>[1]) => db.kysely.transaction().execute((trx) => planner.plan(trx, c));
  const row = (id: string) => db.kysely.selectFrom('outbox_messages').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const decisions = (outboxId: string) => db.kysely.selectFrom('contact_decisions').selectAll().where('outbox_id', '=', outboxId).execute();

  beforeAll(async () => {
    db = await target.open();
    deps = testDeps(db);
  });
  afterAll(async () => db.close());

  it('plans an allowed contact as pending at its instant, to the primary phone, with the decision recorded', async () => {
    const d = await makeDebtor(deps);
    const out = await plan(planned(d, 'sms', TUE_10_WIB));
    expect(out.status).toBe('pending');
    if (out.status !== 'pending') return;
    const r = await row(out.outboxId);
    expect(r).toMatchObject({ status: 'pending', contact_id: d.phoneId, channel: 'sms', template_code: 'reminder', block_reasons: [] });
    expect(r.not_before.toISOString()).toBe(TUE_10_WIB.toISOString());
    const [dec] = await decisions(out.outboxId);
    expect(dec).toMatchObject({ allowed: true, reasons: [], stage: 'plan', policy_version: 0, contact_id: d.phoneId, debtor_id: d.debtorId });
  });

  it('moves not_before to the next allowed instant when blocked only by the window', async () => {
    const d = await makeDebtor(deps);
    const out = await plan(planned(d, 'whatsapp', TUE_21_WIB));
    expect(out.status).toBe('pending');
    if (out.status !== 'pending') return;
    expect((await row(out.outboxId)).not_before.toISOString()).toBe(WED_08_WIB.toISOString());
    const [dec] = await decisions(out.outboxId);
    expect(dec).toMatchObject({ allowed: false, reasons: ['outside_hours'] });
    expect(dec!.next_allowed_at?.toISOString()).toBe(WED_08_WIB.toISOString());
  });

  it('evaluates in the debtor zone: 21:00 WIB is 23:00 WIT, next morning is 08:00 WIT', async () => {
    const d = await makeDebtor(deps, { zone: 'Asia/Jayapura' });
    const out = await plan(planned(d, 'sms', TUE_21_WIB));
    if (out.status !== 'pending') throw new Error(out.status);
    expect((await row(out.outboxId)).not_before.toISOString()).toBe('2026-11-24T23:00:00.000Z');
  });

  it('keeps to the hours the debtor chose in the portal, inside the legal window', async () => {
    const d = await makeDebtor(deps);
    await db.kysely.insertInto('portal_contact_hours').values({ debtor_id: d.debtorId, start_local: '18:00', end_local: '20:00', recorded_at: TUE_10_WIB }).execute();
    const out = await plan(planned(d, 'whatsapp', TUE_10_WIB));
    if (out.status !== 'pending') throw new Error(out.status);
    expect((await row(out.outboxId)).not_before.toISOString()).toBe('2026-11-24T11:00:00.000Z'); // 18:00 WIB
    const [dec] = await decisions(out.outboxId);
    expect(dec).toMatchObject({ allowed: false, reasons: ['outside_hours'] });
  });

  it('blocks for good on a channel opt-out, on any of the debtor own numbers', async () => {
    const d = await makeDebtor(deps);
    const second = await db.kysely
      .insertInto('debtor_contacts')
      .values({ debtor_id: d.debtorId, type: 'phone', value_enc: deps.cipher.encrypt('+6281111111'), value_hash: 'x1', emergency_name: null, emergency_relation: null, emergency_consent_at: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.kysely.insertInto('contact_channel_preferences').values({ contact_id: second.id, channel: 'sms', consent: 'opted_out', source: 'debtor' }).execute();
    const out = await plan(planned(d, 'sms', TUE_10_WIB));
    expect(out).toMatchObject({ status: 'blocked', reasons: ['opted_out'] });
    if (out.status !== 'blocked') return;
    expect(await row(out.outboxId!)).toMatchObject({ status: 'blocked', block_reasons: ['opted_out'] });
    expect(await decisions(out.outboxId!)).toMatchObject([{ allowed: false, reasons: ['opted_out'], next_allowed_at: null }]);
    // WhatsApp on the same number is still allowed.
    expect((await plan(planned(d, 'whatsapp', TUE_10_WIB))).status).toBe('pending');
  });

  it('holds collection while a dispute is open, and lets it through once resolved', async () => {
    const d = await makeDebtor(deps);
    const dispute = await db.kysely
      .insertInto('disputes')
      .values({ reference: `DSP-${d.debtorId.slice(0, 8)}`, kind: 'dispute', debtor_id: d.debtorId, description: 'bukan utang saya', opened_via: 'portal', sla_due_at: new Date('2026-12-10T00:00:00Z'), opened_by: null, account_id: null, category: null, resolved_at: null, resolution: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(await plan(planned(d, 'email', TUE_10_WIB))).toMatchObject({ status: 'blocked', reasons: ['dispute_hold'] });
    await db.kysely.updateTable('disputes').set({ status: 'resolved' }).where('id', '=', dispute.id).execute();
    expect((await plan(planned(d, 'email', TUE_10_WIB))).status).toBe('pending');
  });

  it('reaches an emergency contact only to locate and only with their consent', async () => {
    const d = await makeDebtor(deps);
    const noConsent = await addEmergencyContact(deps, d.debtorId, null);
    const blocked = await plan(planned(d, 'sms', TUE_10_WIB, { purpose: 'locate' }));
    expect(blocked).toMatchObject({ status: 'blocked', reasons: ['emergency_contact_no_consent'] });
    if (blocked.status !== 'blocked') return;
    expect((await row(blocked.outboxId!)).contact_id).toBe(noConsent);

    const consented = await addEmergencyContact(deps, d.debtorId, new Date('2026-01-01T00:00:00Z'));
    const ok = await plan(planned(d, 'sms', TUE_10_WIB, { purpose: 'locate' }));
    if (ok.status !== 'pending') throw new Error(`expected pending, got ${ok.status}`);
    expect((await row(ok.outboxId)).contact_id).toBe(consented);
  });

  it('refuses to collect through an emergency contact when the debtor has no number of their own', async () => {
    const d = await makeDebtor(deps);
    await db.kysely.deleteFrom('debtor_contacts').where('id', '=', d.phoneId).execute();
    await addEmergencyContact(deps, d.debtorId, new Date('2026-01-01T00:00:00Z'));
    expect(await plan(planned(d, 'voice', TUE_10_WIB))).toMatchObject({ status: 'blocked', reasons: ['third_party_collect'] });
    await db.kysely.deleteFrom('debtor_contacts').where('debtor_id', '=', d.debtorId).where('type', '=', 'email').execute();
    expect(await plan(planned(d, 'email', TUE_10_WIB))).toMatchObject({ status: 'blocked', reasons: ['no_contact_point'] });
  });

  it('is idempotent: the same key plans once, with one decision', async () => {
    const d = await makeDebtor(deps);
    const c = planned(d, 'sms', TUE_10_WIB);
    const first = await plan(c);
    const again = await plan({ ...c, channel: 'email' });
    if (first.status !== 'pending') throw new Error(first.status);
    expect(again).toEqual({ status: 'duplicate', outboxId: first.outboxId });
    const inPage = await db.kysely.transaction().execute((trx) => planner.planMany(trx, [c, c]));
    expect(inPage).toEqual([{ status: 'duplicate', outboxId: first.outboxId }, { status: 'duplicate', outboxId: first.outboxId }]);
    expect(await db.kysely.selectFrom('outbox_messages').select('id').where('idempotency_key', '=', c.idempotencyKey).execute()).toHaveLength(1);
    expect(await decisions(first.outboxId)).toHaveLength(1);
  });

  it('counts contacts planned earlier in the same page against the caps', async () => {
    const d = await makeDebtor(deps);
    const cap = ID_OJK_POLICY.caps.perChannelPerDay.sms!;
    const page = Array.from({ length: cap + 1 }, () => planned(d, 'sms', TUE_10_WIB));
    const outcomes = await db.kysely.transaction().execute((trx) => planner.planMany(trx, page));
    const rows = await Promise.all(outcomes.map((o) => (o.status === 'pending' ? row(o.outboxId) : Promise.reject(new Error(o.status)))));
    expect(rows.slice(0, cap).every((r) => r.not_before.toISOString() === TUE_10_WIB.toISOString())).toBe(true);
    expect(rows[cap]!.not_before.toISOString()).toBe(WED_08_WIB.toISOString());
    expect(await decisions(rows[cap]!.id)).toMatchObject([{ allowed: false, reasons: ['daily_cap_channel'] }]);
  });

  it('uses the active stored policy version and the admin holiday overrides', async () => {
    const d = await makeDebtor(deps);
    await db.kysely.insertInto('holiday_overrides').values({ date: '2026-11-24', kind: 'collective_leave', name: 'Cuti bersama (uji)', created_by: null }).execute();
    await db.kysely
      .insertInto('contact_policies')
      .values({ version: 7, name: 'strict', status: 'active', created_by: null, definition: JSON.stringify({ ...ID_OJK_POLICY, version: 7, name: 'strict', windows: { ...ID_OJK_POLICY.windows, sms: { start: '09:00', end: '17:00' } } }) })
      .execute();
    try {
      const out = await plan(planned(d, 'sms', TUE_10_WIB));
      if (out.status !== 'pending') throw new Error(out.status);
      expect((await row(out.outboxId)).not_before.toISOString()).toBe('2026-11-25T02:00:00.000Z');
      expect(await decisions(out.outboxId)).toMatchObject([{ allowed: false, reasons: ['collective_leave'], policy_version: 7 }]);
    } finally {
      await db.kysely.deleteFrom('contact_policies').where('version', '=', 7).execute();
      await db.kysely.deleteFrom('holiday_overrides').where('date', '=', '2026-11-24').execute();
    }
  });
});
