import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../../test/support/databases.ts';
import { asUser, casesFixture, type CasesFixture } from '../test-fixture.ts';

const GOOD_SMS = 'Yth. {{name}}, tagihan {{creditor_name}} sebesar {{amount}} jatuh tempo {{due_date}}. Bayar via VA {{va_number}}. Balas BERHENTI untuk berhenti.';

describe.each(testDatabases)('templates admin on $name', (target) => {
  let f: CasesFixture;
  beforeAll(async () => {
    f = await casesFixture(target);
  });
  afterAll(async () => f.close());

  it('saves numbered versions per code, channel and language; the newest active is current', async () => {
    const sup = asUser(f, f.supervisor);
    const v1 = await sup.post('/api/v1/templates', { code: 'reminder_d3', channel: 'sms', language: 'id', body: GOOD_SMS });
    expect(v1.statusCode, v1.body).toBe(201);
    expect(v1.json()).toMatchObject({ version: 1, status: 'active', current: true, created_by: f.supervisor.user.id });
    const v2 = await sup.post('/api/v1/templates', { code: 'reminder_d3', channel: 'sms', language: 'id', body: `${GOOD_SMS} Terima kasih.` });
    expect(v2.json().version).toBe(2);
    expect((await sup.post('/api/v1/templates', { code: 'reminder_d3', channel: 'whatsapp', language: 'id', body: GOOD_SMS })).json().version).toBe(1);
    const list = (await sup.get('/api/v1/templates?code=reminder_d3&channel=sms')).json().items;
    expect(list.map((t: { version: number; current: boolean }) => [t.version, t.current])).toEqual([
      [2, true],
      [1, false],
    ]);
  });

  it('refuses text that fails the compliance lint, with the rule, the words and the reason', async () => {
    const res = await asUser(f, f.supervisor).post('/api/v1/templates', { code: 'threat', channel: 'sms', language: 'id', body: 'Bayar hari ini atau kami lapor polisi dan sebar data Anda, {{name}}.' });
    expect(res.statusCode).toBe(400);
    const rules = res.json().error.details.map((d: { rule: string }) => d.rule);
    expect(rules).toEqual(expect.arrayContaining(['threat_criminal', 'shaming', 'missing_creditor_identity', 'missing_opt_out']));
    expect(res.json().error.details.find((d: { rule: string }) => d.rule === 'threat_criminal')).toMatchObject({ match: expect.stringMatching(/polisi/i), message: expect.stringContaining('POJK') });
    const typo = await asUser(f, f.supervisor).post('/api/v1/templates', { code: 'typo', channel: 'sms', language: 'id', body: GOOD_SMS.replace('{{name}}', '{{nama}}') });
    expect(typo.json().error.details[0]).toMatchObject({ rule: 'syntax' });
    expect(await f.db.kysely.selectFrom('message_templates').select('id').where('code', 'in', ['threat', 'typo']).execute()).toEqual([]);
    const subject = await asUser(f, f.supervisor).post('/api/v1/templates', { code: 's', channel: 'sms', language: 'id', subject: 'Hi', body: GOOD_SMS });
    expect(subject.json().error.details[0].path).toBe('/subject');
  });

  it('previews with sample variables in Indonesian formats, and reports missing values', async () => {
    const sup = asUser(f, f.supervisor);
    const res = await sup.post('/api/v1/templates/preview', {
      channel: 'sms',
      language: 'id',
      body: GOOD_SMS,
      variables: { name: 'Budi', creditor_name: 'Bank Maju', amount_idr: '1250000', due_date: '2026-03-20', va_number: '8808001234567890' },
    });
    expect(res.json()).toMatchObject({ ok: true, render_error: null, violations: [] });
    expect(res.json().rendered).toContain('Rp1.250.000');
    expect(res.json().rendered).toContain('Jumat, 20 Maret 2026');
    const saved = (await sup.get('/api/v1/templates?code=reminder_d3&channel=whatsapp')).json().items[0];
    const missing = (await sup.post('/api/v1/templates/preview', { template_id: saved.id, variables: { name: 'Budi' } })).json();
    expect(missing).toMatchObject({ ok: false, rendered: null });
    expect(missing.render_error).toContain('{{amount}}');
    expect((await sup.post('/api/v1/templates/preview', { variables: {} })).statusCode).toBe(400);
  });

  it('retires a version so the previous one becomes current; only policy managers may edit', async () => {
    const sup = asUser(f, f.supervisor);
    const [v2] = (await sup.get('/api/v1/templates?code=reminder_d3&channel=sms')).json().items;
    expect((await sup.post(`/api/v1/templates/${v2.id}/retire`)).json()).toMatchObject({ status: 'retired' });
    expect((await sup.post(`/api/v1/templates/${v2.id}/retire`)).statusCode).toBe(409);
    const list = (await sup.get('/api/v1/templates?code=reminder_d3&channel=sms')).json().items;
    expect(list.map((t: { version: number; current: boolean }) => [t.version, t.current])).toEqual([
      [2, false],
      [1, true],
    ]);
    expect((await asUser(f, f.agentA1).post('/api/v1/templates', { code: 'x', channel: 'sms', language: 'id', body: GOOD_SMS })).statusCode).toBe(403);
    expect((await asUser(f, f.compliance).get('/api/v1/templates')).statusCode).toBe(403);
  });
});
