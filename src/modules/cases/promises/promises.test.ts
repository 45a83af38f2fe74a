import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../../test/support/databases.ts';
import { SYSTEM_ACTOR } from '../../audit/index.ts';
import { loadConfig } from '../../../config.ts';
import { casePolicyOf, createPromise } from '../index.ts';
import { asUser, casesFixture, type CasesFixture } from '../test-fixture.ts';

describe.each(testDatabases)('promises to pay on $name', (target) => {
  let f: CasesFixture;
  beforeAll(async () => {
    f = await casesFixture(target);
  });
  afterAll(async () => f.close());

  it('takes a promise on an account in scope and lists it', async () => {
    const a1 = asUser(f, f.agentA1);
    const id = f.accounts['KTA-0001'].id;
    const res = await a1.post(`/api/v1/accounts/${id}/promises`, { amount_idr: '500000', promised_date: '2026-12-05' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ amount_idr: '500000', promised_date: '2026-12-05', status: 'pending', source: 'agent', created_by: f.agentA1.user.id, paid_idr: '0' });
    const list = (await a1.get(`/api/v1/accounts/${id}/promises`)).json();
    expect(list.items).toHaveLength(1);
    const audits = await f.db.kysely.selectFrom('audit_log').select(['action', 'actor_label']).where('entity_id', '=', id).execute();
    expect(audits).toContainEqual({ action: 'promise.create', actor_label: f.agentA1.user.username });
  });

  it('refuses a second pending promise, then accepts one after cancelling', async () => {
    const a1 = asUser(f, f.agentA1);
    const id = f.accounts['KTA-0001'].id;
    const again = await a1.post(`/api/v1/accounts/${id}/promises`, { amount_idr: '100000', promised_date: '2026-12-01' });
    expect(again.statusCode).toBe(409);
    const pending = (await a1.get(`/api/v1/accounts/${id}/promises`)).json().items[0];
    expect((await a1.post(`/api/v1/promises/${pending.id}/cancel`, { reason: 'debtor changed the date' })).json()).toMatchObject({ status: 'cancelled', cancel_reason: 'debtor changed the date' });
    expect((await a1.post(`/api/v1/promises/${pending.id}/cancel`, { reason: 'twice' })).statusCode).toBe(409);
    expect((await a1.post(`/api/v1/accounts/${id}/promises`, { amount_idr: '100000', promised_date: '2026-12-01' })).statusCode).toBe(201);
  });

  it('refuses amounts and dates outside the policy, naming the field and rule', async () => {
    const sup = asUser(f, f.supervisor);
    const id = f.accounts['PL-0004'].id; // outstanding 300000, debtor in Asia/Jayapura
    const over = await sup.post(`/api/v1/accounts/${id}/promises`, { amount_idr: '300001', promised_date: '2026-12-01' });
    expect(over.statusCode).toBe(400);
    expect(over.json().error.details).toEqual([expect.objectContaining({ path: '/amount_idr', rule: 'amount_above_outstanding' })]);
    const past = await sup.post(`/api/v1/accounts/${id}/promises`, { amount_idr: '100000', promised_date: '2026-11-29' });
    expect(past.json().error.details).toEqual([expect.objectContaining({ path: '/promised_date', rule: 'date_in_past' })]);
    const far = await sup.post(`/api/v1/accounts/${id}/promises`, { amount_idr: '100000', promised_date: '2027-01-15' });
    expect(far.json().error.details).toEqual([expect.objectContaining({ path: '/promised_date', rule: 'date_too_far' })]);
    const float = await sup.post(`/api/v1/accounts/${id}/promises`, { amount_idr: '1000.5', promised_date: '2026-12-01' });
    expect(float.statusCode).toBe(400);
  });

  it('honours the configured horizon', async () => {
    const policy = casePolicyOf(loadConfig({ TAGIH_PTP_MAX_DAYS: '3' }));
    expect(policy.ptpMaxDaysAhead).toBe(3);
    const attempt = f.db.kysely.transaction().execute((trx) =>
      createPromise(trx, { accountId: f.accounts['PL-0004'].id, amountIdr: 100_000n, promisedDate: '2026-12-04', source: 'portal' }, { now: f.clock.now, actor: SYSTEM_ACTOR, policy }),
    );
    await expect(attempt).rejects.toMatchObject({ code: 'TAGIH_VALIDATION', details: [expect.objectContaining({ rule: 'date_too_far' })] });
  });

  it('keeps an agent out of another team’s accounts', async () => {
    const b1 = asUser(f, f.agentB1);
    const id = f.accounts['KTA-0001'].id;
    expect((await b1.get(`/api/v1/accounts/${id}/promises`)).statusCode).toBe(404);
    expect((await b1.post(`/api/v1/accounts/${id}/promises`, { amount_idr: '100000', promised_date: '2026-12-01' })).statusCode).toBe(404);
    const pending = (await asUser(f, f.agentA1).get(`/api/v1/accounts/${id}/promises`)).json().items.find((p: { status: string }) => p.status === 'pending');
    expect((await b1.post(`/api/v1/promises/${pending.id}/cancel`, { reason: 'not mine' })).statusCode).toBe(404);
    // A team-pool account is visible to every agent of the team.
    expect((await asUser(f, f.agentA2).get(`/api/v1/accounts/${f.accounts['KTA-0002'].id}/promises`)).statusCode).toBe(200);
  });

  it('can be called inside a caller transaction (assistant, payments) and rolls back with it', async () => {
    const id = f.accounts['CC-0003'].id;
    await expect(
      f.db.kysely.transaction().execute(async (trx) => {
        await createPromise(trx, { accountId: id, amountIdr: 200_000n, promisedDate: '2026-12-02', source: 'assistant' }, { now: f.clock.now, actor: SYSTEM_ACTOR });
        throw new Error('caller failed');
      }),
    ).rejects.toThrow('caller failed');
    expect(await f.db.kysely.selectFrom('promises_to_pay').select('id').where('account_id', '=', id).execute()).toEqual([]);
    const made = await f.db.kysely.transaction().execute((trx) => createPromise(trx, { accountId: id, amountIdr: 200_000n, promisedDate: '2026-12-02', source: 'assistant' }, { now: f.clock.now, actor: SYSTEM_ACTOR }));
    expect(made).toMatchObject({ source: 'assistant', created_by: null, status: 'pending' });
  });
});
