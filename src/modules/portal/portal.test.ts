import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/support/databases.ts';
import { casesFixture, MONDAY_MORNING, type CasesFixture } from '../cases/test-fixture.ts';
import { readSandboxOtps } from './index.ts';

const BUDI = { account_no: 'KTA-0001', birth_date: '1990-05-15' };

describe.each(testDatabases)('debtor portal on $name', (target) => {
  let f: CasesFixture;
  let dataDir: string;

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'tagih-portal-'));
    f = await casesFixture(target, { TAGIH_DATA_DIR: dataDir });
  });
  afterEach(async () => {
    await f.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const post = (url: string, payload: object, token?: string) => f.app.inject({ method: 'POST', url, payload, headers: token ? { authorization: `Bearer ${token}` } : {} });
  const get = (url: string, token: string) => f.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
  const requestCode = (body: object) => post('/api/v1/portal/otp', body);
  const verify = (challenge_id: string, code: string) => post('/api/v1/portal/otp/verify', { challenge_id, code });
  const lastCode = async () => (await readSandboxOtps(dataDir)).at(-1)!;
  const auditActions = async (action: string) => f.db.kysely.selectFrom('audit_log').selectAll().where('action', '=', action).execute();

  async function signIn(who = BUDI): Promise<string> {
    const res = await requestCode(who);
    expect(res.statusCode).toBe(202);
    const sent = await lastCode();
    const ok = await verify(res.json().challenge_id, sent.code);
    expect(ok.statusCode).toBe(200);
    return ok.json().token as string;
  }

  it('signs in with the code sent to the registered phone and shows only the own accounts', async () => {
    const res = await requestCode(BUDI);
    expect(res.statusCode).toBe(202);
    const sent = await readSandboxOtps(dataDir);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ debtor_id: f.accounts['KTA-0001'].debtor_id });
    expect(sent[0]!.code).toMatch(/^\d{6}$/);
    expect(sent[0]!.text).not.toMatch(/utang|tunggakan|Rp/i);
    // The code is stored only as a keyed hash.
    const row = await f.db.kysely.selectFrom('portal_otps').selectAll().executeTakeFirstOrThrow();
    expect(row.code_hash).not.toContain(sent[0]!.code);

    const wrong = await verify(res.json().challenge_id, sent[0]!.code === '000000' ? '111111' : '000000');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.details).toEqual({ attempts_left: 4 });
    const ok = await verify(res.json().challenge_id, sent[0]!.code);
    expect(ok.statusCode).toBe(200);
    const token = ok.json().token as string;
    const session = await f.db.kysely.selectFrom('portal_sessions').selectAll().executeTakeFirstOrThrow();
    expect(session.id).not.toBe(token);
    expect(session.expires_at.getTime() - MONDAY_MORNING.getTime()).toBe(30 * 60_000);

    const me = await get('/api/v1/portal/me', token);
    expect(me.statusCode).toBe(200);
    const owned = await f.db.kysely.selectFrom('accounts').select('account_no').where('debtor_id', '=', f.accounts['KTA-0001'].debtor_id).execute();
    expect(me.json().accounts.map((a: { account_no: string }) => a.account_no).sort()).toEqual(owned.map((a) => a.account_no).sort());
    expect(me.json().accounts.some((a: { account_no: string }) => a.account_no === 'KTA-0002')).toBe(false);

    // The code cannot be used twice; logout ends the session.
    expect((await verify(res.json().challenge_id, sent[0]!.code)).statusCode).toBe(401);
    expect((await post('/api/v1/portal/logout', {}, token)).statusCode).toBe(204);
    expect((await get('/api/v1/portal/me', token)).statusCode).toBe(401);
    expect((await auditActions('portal.login')).length).toBe(1);
  });

  it('answers alike for unknown accounts and wrong birth dates, and sends nothing', async () => {
    const known = await requestCode(BUDI);
    const unknown = await requestCode({ account_no: 'NOPE-9999', birth_date: '1990-05-15' });
    const wrongBirth = await requestCode({ account_no: 'KTA-0002', birth_date: '1990-01-01' });
    for (const r of [unknown, wrongBirth]) {
      expect(r.statusCode).toBe(known.statusCode);
      expect(Object.keys(r.json()).sort()).toEqual(Object.keys(known.json()).sort());
      expect(r.json().message).toBe(known.json().message);
    }
    expect(await readSandboxOtps(dataDir)).toHaveLength(1);
    const a = await verify(unknown.json().challenge_id, '123456');
    const b = await verify(wrongBirth.json().challenge_id, '123456');
    expect([a.statusCode, b.statusCode]).toEqual([401, 401]);
    expect(a.json().error).toEqual(b.json().error);
  });

  it('refuses an expired code', async () => {
    const res = await requestCode(BUDI);
    const sent = await lastCode();
    f.clock.now = new Date(MONDAY_MORNING.getTime() + 5 * 60_000);
    const late = await verify(res.json().challenge_id, sent.code);
    expect(late.statusCode).toBe(401);
    expect(late.json().error.code).toBe('TAGIH_UNAUTHENTICATED');
  });

  it('locks after five wrong codes, audits it and refuses new codes for a while', async () => {
    const res = await requestCode(BUDI);
    const sent = await lastCode();
    const wrongCode = sent.code === '999999' ? '999998' : '999999';
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await verify(res.json().challenge_id, wrongCode)).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 423]);
    expect((await verify(res.json().challenge_id, sent.code)).statusCode).toBe(423);
    expect((await requestCode(BUDI)).statusCode).toBe(423);
    const locked = await auditActions('portal.otp_locked');
    expect(locked.map((r) => r.entity_id)).toEqual([f.accounts['KTA-0001'].debtor_id]);
    f.clock.now = new Date(MONDAY_MORNING.getTime() + 31 * 60_000);
    expect((await requestCode(BUDI)).statusCode).toBe(202);
  });

  it('rate-limits code requests per account number, known or not', async () => {
    for (const who of [BUDI, { account_no: 'NOPE-1', birth_date: '2000-01-01' }]) {
      const codes = [];
      for (let i = 0; i < 4; i++) codes.push((await requestCode(who)).statusCode);
      expect(codes).toEqual([202, 202, 202, 429]);
    }
    expect(await readSandboxOtps(dataDir)).toHaveLength(3);
    // Spraying many account numbers from one address stops too: at most 20 challenges per address per window.
    const issued = (await f.db.kysely.selectFrom('portal_otps').select('id').execute()).length;
    expect(issued).toBe(6);
    const spray = [];
    for (let i = 0; i <= 20 - issued; i++) spray.push((await requestCode({ account_no: `SPRAY-${i}`, birth_date: '2000-01-01' })).statusCode);
    expect(spray).toEqual([...Array.from({ length: 20 - issued }, () => 202), 429]);
  });

  it("never shows or acts on another debtor's account", async () => {
    const token = await signIn();
    const other = f.accounts['KTA-0002'].id;
    for (const url of [`/api/v1/portal/accounts/${other}`, `/api/v1/portal/accounts/${other}/schedule`, `/api/v1/portal/accounts/${other}/payment-instructions`]) {
      expect((await get(url, token)).statusCode, url).toBe(404);
    }
    expect((await post(`/api/v1/portal/accounts/${other}/promises`, { amount_idr: '100000', promised_date: '2026-12-05' }, token)).statusCode).toBe(404);
    expect((await post(`/api/v1/portal/accounts/${other}/plan-requests`, { reason: 'gaji dipotong', affordable_amount_idr: '100000' }, token)).statusCode).toBe(404);
    expect((await post('/api/v1/portal/disputes', { account_id: other, description: 'bukan utang saya' }, token)).statusCode).toBe(404);
    expect(await f.db.kysely.selectFrom('promises_to_pay').selectAll().execute()).toEqual([]);
    // Without a valid token nothing is shown.
    expect((await get('/api/v1/portal/me', 'x'.repeat(43))).statusCode).toBe(401);
    expect((await f.app.inject({ method: 'GET', url: '/api/v1/portal/me' })).statusCode).toBe(400);
  });

  it('takes a promise, a plan request, a dispute and contact preferences into the shared tables', async () => {
    const token = await signIn();
    const acc = f.accounts['KTA-0001'];
    expect((await get(`/api/v1/portal/accounts/${acc.id}`, token)).json()).toMatchObject({ account_no: 'KTA-0001', outstanding_idr: '1250000' });
    const pay = (await get(`/api/v1/portal/accounts/${acc.id}/payment-instructions`, token)).json();
    expect(pay.virtual_account).toBe('8808001234567890');
    expect((await get(`/api/v1/portal/accounts/${acc.id}/schedule`, token)).statusCode).toBe(200);

    const p = await post(`/api/v1/portal/accounts/${acc.id}/promises`, { amount_idr: '500000', promised_date: '2026-12-05' }, token);
    expect(p.statusCode).toBe(201);
    const ptp = await f.db.kysely.selectFrom('promises_to_pay').selectAll().executeTakeFirstOrThrow();
    expect(ptp).toMatchObject({ account_id: acc.id, debtor_id: acc.debtor_id, amount_idr: 500000n, source: 'portal' });

    const plan = await post(`/api/v1/portal/accounts/${acc.id}/plan-requests`, { reason: 'gaji dipotong setengah', affordable_amount_idr: '200000' }, token);
    expect(plan.statusCode).toBe(201);
    expect(plan.json()).toMatchObject({ reference: expect.stringMatching(/^KRG-/), review_by: '2026-12-05' });
    const req = await f.db.kysely.selectFrom('assistant_requests').selectAll().executeTakeFirstOrThrow();
    expect(req).toMatchObject({ kind: 'restructuring', source: 'portal', conversation_id: null, debtor_id: acc.debtor_id, amount_idr: 200000n, status: 'pending_review' });
    const wi = await f.db.kysely.selectFrom('work_items').selectAll().where('id', '=', req.work_item_id!).executeTakeFirstOrThrow();
    expect(wi.queue).toBe('relief_review');

    const d = await post('/api/v1/portal/disputes', { account_id: acc.id, description: 'Saya sudah membayar bulan lalu' }, token);
    expect(d.statusCode).toBe(201);
    const dispute = await f.db.kysely.selectFrom('disputes').selectAll().executeTakeFirstOrThrow();
    expect(dispute).toMatchObject({ reference: d.json().reference, opened_via: 'portal', debtor_id: acc.debtor_id, account_id: acc.id });

    const prefs = await f.app.inject({ method: 'PUT', url: '/api/v1/portal/contact-preferences', headers: { authorization: `Bearer ${token}` }, payload: { channels: { whatsapp: 'opted_out' }, hours: { start: '18:00', end: '20:00' } } });
    expect(prefs.statusCode).toBe(200);
    expect(prefs.json()).toEqual({ channels: { sms: 'granted', whatsapp: 'opted_out', voice: 'granted', email: 'granted' }, hours: { start: '18:00', end: '20:00' } });
    const phones = await f.db.kysely.selectFrom('debtor_contacts').select('id').where('debtor_id', '=', acc.debtor_id).where('type', '=', 'phone').where('is_emergency', '=', false).execute();
    const written = await f.db.kysely.selectFrom('contact_channel_preferences').selectAll().execute();
    expect(written.map((w) => [w.contact_id, w.channel, w.consent, w.source]).sort()).toEqual(phones.map((c) => [c.id, 'whatsapp', 'opted_out', 'portal']).sort());
    // Opting back in overwrites the same row.
    await f.app.inject({ method: 'PUT', url: '/api/v1/portal/contact-preferences', headers: { authorization: `Bearer ${token}` }, payload: { channels: { whatsapp: 'granted' } } });
    expect((await f.db.kysely.selectFrom('contact_channel_preferences').select('consent').execute()).map((r) => r.consent)).toEqual(phones.map(() => 'granted'));
    const badHours = await f.app.inject({ method: 'PUT', url: '/api/v1/portal/contact-preferences', headers: { authorization: `Bearer ${token}` }, payload: { hours: { start: '21:00', end: '22:00' } } });
    expect(badHours.statusCode).toBe(400);
    expect((await auditActions('contact.preferences_changed')).length).toBe(2);
    expect((await auditActions('portal.plan_requested')).length).toBe(1);
  });

  it('handles UU PDP requests: export with audit, correction and consent withdrawal for compliance to close', async () => {
    const token = await signIn();
    const acc = f.accounts['KTA-0001'];
    const exp = await post('/api/v1/portal/data-requests/access', {}, token);
    expect(exp.statusCode).toBe(200);
    const data = exp.json().data;
    expect(data.debtor).toMatchObject({ full_name: 'Budi Santoso', nik: '3174011505900001', birth_date: '1990-05-15' });
    expect(data.debtor).not.toHaveProperty('nik_enc');
    expect(data.contacts.map((c: { value: string }) => c.value)).toContain('budi.santoso@example.co.id');
    expect(data.accounts.map((a: { account_no: string }) => a.account_no)).toContain('KTA-0001');
    expect(JSON.stringify(data)).not.toContain('KTA-0002');
    const exportAudit = await auditActions('pdp.access_export');
    expect(exportAudit.map((r) => r.entity_id)).toEqual([acc.debtor_id]);

    const corr = await post('/api/v1/portal/data-requests/correction', { field: 'address', correct_value: 'Jl. Mawar 7, Menteng' }, token);
    expect(corr.statusCode).toBe(201);
    const stored = await f.db.kysely.selectFrom('data_subject_requests').selectAll().where('kind', '=', 'correction').executeTakeFirstOrThrow();
    expect(stored.details_enc).not.toContain('Mawar');

    const wd = await post('/api/v1/portal/data-requests/consent-withdrawal', { note: 'jangan hubungi lewat WA' }, token);
    expect(wd.statusCode).toBe(201);
    const prefs = await f.db.kysely.selectFrom('contact_channel_preferences').selectAll().execute();
    const contacts = await f.db.kysely.selectFrom('debtor_contacts').selectAll().where('debtor_id', '=', acc.debtor_id).where('is_emergency', '=', false).execute();
    const expected = contacts.flatMap((c) => (c.type === 'phone' ? ['sms', 'whatsapp', 'voice'] : ['email']).map((ch) => `${c.id}:${ch}`)).sort();
    expect(prefs.filter((p) => p.consent === 'opted_out').map((p) => `${p.contact_id}:${p.channel}`).sort()).toEqual(expected);
    expect((await auditActions('pdp.consent_withdrawn')).length).toBe(1);
    expect((await get('/api/v1/portal/data-requests', token)).json().items).toHaveLength(3);

    // Staff side: compliance lists the open requests and closes one; an agent may not.
    expect((await f.app.inject({ method: 'GET', url: '/api/v1/data-requests', headers: f.agentA1.headers })).statusCode).toBe(403);
    const list = await f.app.inject({ method: 'GET', url: '/api/v1/data-requests?status=open', headers: f.compliance.headers });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((r: { kind: string }) => r.kind).sort()).toEqual(['consent_withdrawal', 'correction']);
    expect(list.json().items.find((r: { kind: string }) => r.kind === 'correction').details).toMatchObject({ field: 'address', correct_value: 'Jl. Mawar 7, Menteng' });
    const close = await f.app.inject({ method: 'POST', url: `/api/v1/data-requests/${corr.json().id}/close`, headers: f.compliance.headers, payload: { resolution: 'Alamat diperbarui oleh petugas' } });
    expect(close.statusCode).toBe(200);
    expect(close.json()).toMatchObject({ status: 'closed', resolution: 'Alamat diperbarui oleh petugas' });
    expect((await f.app.inject({ method: 'POST', url: `/api/v1/data-requests/${corr.json().id}/close`, headers: f.compliance.headers, payload: { resolution: 'lagi' } })).statusCode).toBe(409);
    const closedAudit = await auditActions('pdp.request_closed');
    expect(closedAudit.map((r) => r.actor_id)).toEqual([f.compliance.user.id]);
  });
});
