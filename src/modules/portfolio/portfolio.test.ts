import { Readable } from 'node:stream';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { testDatabases } from '../../../test/support/databases.ts';
import { testApp } from '../../../test/support/app.ts';
import { loginAs, type LoggedIn } from '../../../test/support/users.ts';
import type { Db } from '../../db/connection.ts';
import type { AppDeps } from '../../app-deps.ts';
import { importAccounts } from '../imports/service.ts';

const csv = readFileSync(new URL('../../../test/fixtures/imports/good.csv', import.meta.url));

describe.each(testDatabases)('portfolio API on $name', (target) => {
  let db: Db;
  let app: FastifyInstance;
  let deps: AppDeps;
  let supervisor: LoggedIn;
  let agent: LoggedIn;
  let compliance: LoggedIn;
  let sitiId: string;

  beforeAll(async () => {
    db = await target.open();
    ({ app, deps } = await testApp(db, { now: () => new Date('2026-11-23T03:00:00Z') }));
    await importAccounts(deps, Readable.from([csv]), { allowPartial: false, fileName: 'good.csv', actor: { id: null, label: 'test' } });
    supervisor = await loginAs(app, deps, 'supervisor');
    agent = await loginAs(app, deps, 'agent');
    compliance = await loginAs(app, deps, 'compliance');
    const kta2 = await db.kysely.selectFrom('accounts').select(['id', 'debtor_id']).where('account_no', '=', 'KTA-0002').executeTakeFirstOrThrow();
    sitiId = kta2.debtor_id;
    await db.kysely.insertInto('assignments').values({ account_id: kta2.id, user_id: agent.user.id, reason: 'test' }).execute();
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  const get = (who: LoggedIn, url: string, headers: Record<string, string> = {}) => app.inject({ url, headers: { ...who.headers, ...headers } });

  it('lists accounts worst DPD first with money as strings', async () => {
    const res = await get(supervisor, '/api/v1/accounts');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.items.map((a: { account_no: string }) => a.account_no)).toEqual(['CC-0003', 'KTA-0001', 'KTA-0002', 'PL-0004']);
    expect(body.items[1]).toMatchObject({ outstanding_idr: '1250000', dpd: 34, bucket: '31-60', kol: 2, creditor_code: 'BANKMAJU', timezone: 'Asia/Jakarta' });
    expect(body.next_cursor).toBeNull();
  });

  it('filters by bucket, Kol, DPD range, zone and creditor', async () => {
    const ids = async (q: string) => (await get(supervisor, `/api/v1/accounts?${q}`)).json().items.map((a: { account_no: string }) => a.account_no);
    expect(await ids('bucket=current')).toEqual(['PL-0004']);
    expect(await ids('bucket=1-30')).toEqual(['KTA-0002']);
    expect(await ids('kol=4')).toEqual(['CC-0003']);
    expect(await ids('kol=3')).toEqual([]);
    expect(await ids('dpd_min=1&dpd_max=60')).toEqual(['KTA-0001', 'KTA-0002']);
    expect(await ids('zone=Asia/Makassar')).toEqual(['CC-0003', 'KTA-0002']);
    expect(await ids('creditor=DEFAULT')).toEqual(['PL-0004']);
    expect(await ids(`assigned_to=${agent.user.id}`)).toEqual(['KTA-0002']);
    expect((await get(supervisor, '/api/v1/accounts?kol=9')).json().error.code).toBe('TAGIH_VALIDATION');
  });

  it('pages with an opaque cursor without repeating or skipping', async () => {
    const seen: string[] = [];
    let url = '/api/v1/accounts?limit=1';
    for (let i = 0; i < 10; i++) {
      const body = (await get(supervisor, url)).json();
      seen.push(...body.items.map((a: { account_no: string }) => a.account_no));
      if (!body.next_cursor) break;
      url = `/api/v1/accounts?limit=1&cursor=${body.next_cursor}`;
    }
    expect(seen).toEqual(['CC-0003', 'KTA-0001', 'KTA-0002', 'PL-0004']);
    expect((await get(supervisor, '/api/v1/accounts?cursor=garbage')).statusCode).toBe(400);
  });

  it('shows an agent only the accounts assigned to them', async () => {
    const items = (await get(agent, '/api/v1/accounts')).json().items;
    expect(items.map((a: { account_no: string }) => a.account_no)).toEqual(['KTA-0002']);
    const other = await db.kysely.selectFrom('accounts').select(['id', 'debtor_id']).where('account_no', '=', 'KTA-0001').executeTakeFirstOrThrow();
    expect((await get(agent, `/api/v1/debtors/${other.debtor_id}`)).statusCode).toBe(404);
    expect((await get(agent, `/api/v1/accounts/${other.id}`)).statusCode).toBe(404);
  });

  it('finds a debtor by exact phone or NIK through the blind index', async () => {
    const byPhone = (await get(supervisor, '/api/v1/debtors?q=0812-9876-5432')).json().items;
    expect(byPhone.map((d: { debtor_ref: string }) => d.debtor_ref)).toEqual(['D-0002']);
    expect(byPhone[0]).toMatchObject({ accounts: 2, total_outstanding_idr: '3250000' });
    const byNik = (await get(supervisor, '/api/v1/debtors?q=3174011505900001')).json().items;
    expect(byNik.map((d: { debtor_ref: string }) => d.debtor_ref)).toEqual(['D-0001']);
  });

  it('returns the debtor 360 masked for an agent and unmasked, audited, for a supervisor', async () => {
    const masked = (await get(agent, `/api/v1/debtors/${sitiId}`)).json();
    expect(masked.profile).toMatchObject({ full_name: 'Siti Rahmawati', pii_masked: true, timezone: 'Asia/Makassar' });
    expect(masked.profile.nik).not.toContain('24506880');
    expect(masked.contacts.find((c: { type: string }) => c.type === 'phone').value).not.toBe('+6281298765432');
    expect(masked.accounts.map((a: { account_no: string }) => a.account_no)).toEqual(['CC-0003', 'KTA-0002']);

    const full = (await get(supervisor, `/api/v1/debtors/${sitiId}`, { 'x-tagih-purpose': 'verify dispute' })).json();
    expect(full.profile).toMatchObject({ nik: '7371024506880002', birth_date: '1988-06-05', pii_masked: false });
    expect(full.contacts.map((c: { value: string }) => c.value).sort()).toEqual(['+6281298765432', 'siti@example.com']);
    expect(full.addresses[0]).toMatchObject({ address: 'Jl. Pettarani 10', city: 'Makassar', timezone: 'Asia/Makassar' });
    const reads = await db.kysely.selectFrom('audit_log').selectAll().where('action', '=', 'pii.read').where('entity_id', '=', sitiId).execute();
    expect(reads.map((r) => [r.actor_label, r.reason])).toContainEqual([supervisor.user.username, 'verify dispute']);

    expect((await get(compliance, `/api/v1/debtors/${sitiId}`)).json().profile.pii_masked).toBe(false);
  });

  it('logs an interaction that appears on the timeline', async () => {
    const res = await app.inject({
      method: 'POST',
      url: `/api/v1/debtors/${sitiId}/interactions`,
      headers: agent.headers,
      payload: { channel: 'voice', direction: 'outbound', outcome: 'ptp', notes: 'Janji bayar tanggal 30' },
    });
    expect(res.statusCode).toBe(201);
    const view = (await get(agent, `/api/v1/debtors/${sitiId}`)).json();
    expect(view.timeline[0]).toMatchObject({ kind: 'interaction', summary: 'Keluar voice — ptp: Janji bayar tanggal 30' });
    const bad = await app.inject({ method: 'POST', url: `/api/v1/debtors/${sitiId}/interactions`, headers: agent.headers, payload: { channel: 'pigeon' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.length).toBeGreaterThan(0);
  });
});
