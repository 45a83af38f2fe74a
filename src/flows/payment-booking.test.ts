import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testApp } from '../../test/support/app.ts';
import { testDatabases } from '../../test/support/databases.ts';
import { loginAs, type LoggedIn } from '../../test/support/users.ts';
import type { Db } from '../db/connection.ts';
import { AppError } from '../lib/app-error.ts';
import { reconcileStatement } from '../modules/payments/index.ts';
import { createAccount } from '../modules/payments/test-fixtures.ts';
import { bookPaymentFlow, reversePaymentFlow } from './payment-booking.ts';

const actor = { id: null, label: 'test' };

describe.each(testDatabases)('payment booking flow on $name', (target) => {
  let db: Db;
  let app: FastifyInstance;
  let supervisor: LoggedIn;
  let clock = new Date('2026-11-23T03:00:00Z');

  beforeAll(async () => {
    db = await target.open();
    let deps;
    ({ app, deps } = await testApp(db, { now: () => clock }));
    supervisor = await loginAs(app, deps, 'supervisor');
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });
  beforeEach(() => {
    clock = new Date(clock.getTime() + 60_000);
  });

  const post = (url: string, payload: object) => app.inject({ method: 'POST', url, payload, headers: supervisor.headers });
  const state = (id: string) => db.kysely.selectFrom('accounts').select(['status', 'outstanding_idr']).where('id', '=', id).executeTakeFirstOrThrow();
  const planStatus = (id: string) => db.kysely.selectFrom('payment_plans').select('status').where('id', '=', id).executeTakeFirstOrThrow();
  const openCases = async (id: string) => (await db.kysely.selectFrom('cases').select('id').where('account_id', '=', id).where('status', '=', 'open').execute()).length;

  async function approvedSettlement(accountId: string, discount: string): Promise<string> {
    const p = await post(`/api/v1/accounts/${accountId}/plans`, { kind: 'settlement', discount_idr: discount, first_due_date: '2026-12-20' });
    expect(p.statusCode).toBe(201);
    expect((await post(`/api/v1/plans/${p.json().id}/approve`, { reason: 'settlement offer' })).statusCode).toBe(200);
    return p.json().id as string;
  }

  it('a settlement paid through a bank statement closes the account in the reconcile transaction, not at the next daily run', async () => {
    const { accountId } = await createAccount(db.kysely, { accountNo: 'FL-1001', outstanding: 1_000_000n, va: '8808000000101', schedule: [{ seq: 1, dueDate: '2026-11-01', principal: 1_000_000n }], openCase: true });
    const planId = await approvedSettlement(accountId, '200000');
    const csv = ['date,description,amount,reference,currency', '2026-11-23,SETORAN VA,800000,VA8808000000101,IDR'].join('\n');
    const r = await reconcileStatement(db.kysely, { text: csv, fileName: 'flow.csv', actor, receivedAt: clock, book: bookPaymentFlow });
    expect(r.ok && r.summary).toEqual({ matched: 1, suggested: 0, unmatched: 0 });
    expect(await state(accountId)).toEqual({ status: 'settled', outstanding_idr: 0n });
    expect(await planStatus(planId)).toEqual({ status: 'completed' });
    expect(await openCases(accountId)).toBe(0);
  });

  it('a settlement confirmed from the review queue closes the account at once', async () => {
    const { accountId } = await createAccount(db.kysely, { accountNo: 'FL-1002', outstanding: 2_000_000n, schedule: [{ seq: 1, dueDate: '2026-11-01', principal: 2_000_000n }], openCase: true });
    const planId = await approvedSettlement(accountId, '300000');
    const csv = ['date,description,amount,reference,currency', '2026-11-23,TITIPAN TUNAI,1700000,,IDR'].join('\n');
    const r = await reconcileStatement(db.kysely, { text: csv, fileName: 'flow2.csv', actor, receivedAt: clock, book: bookPaymentFlow });
    if (!r.ok) throw r.error;
    expect(r.summary.matched).toBe(0);
    const line = await db.kysely.selectFrom('statement_lines').select('id').where('amount_idr', '=', 1_700_000n).executeTakeFirstOrThrow();
    const confirmed = await post(`/api/v1/payments/review/${line.id}/confirm`, { account_id: accountId, note: 'debtor called, settlement' });
    expect(confirmed.statusCode).toBe(200);
    expect(await state(accountId)).toEqual({ status: 'settled', outstanding_idr: 0n });
    expect(await planStatus(planId)).toEqual({ status: 'completed' });
    expect(await openCases(accountId)).toBe(0);
  });

  it('refuses (409) to reverse a payment received before a plan was approved, and changes nothing', async () => {
    const { accountId } = await createAccount(db.kysely, {
      accountNo: 'FL-1003',
      outstanding: 6_000_000n,
      oldestUnpaidDueDate: '2026-11-01',
      dpd: 22,
      bucket: '1-30',
      kol: 2,
      asOf: '2026-11-23',
      schedule: [{ seq: 1, dueDate: '2026-11-01', principal: 6_000_000n }],
    });
    const before = await bookPaymentFlow(db.kysely, { accountId, amountIdr: 1_000_000n, valueDate: '2026-11-23', receivedAt: clock, source: 'manual', reference: null, idempotencyKey: 'flow:before-plan' });
    clock = new Date(clock.getTime() + 60_000);
    const p = await post(`/api/v1/accounts/${accountId}/plans`, { kind: 'restructure', instalments: 5, first_payment_idr: '1000000', first_due_date: '2026-12-05' });
    expect(p.statusCode).toBe(201);
    expect((await post(`/api/v1/plans/${p.json().id}/approve`, { reason: 'restructure' })).statusCode).toBe(200);
    expect(await state(accountId)).toEqual({ status: 'restructured', outstanding_idr: 5_000_000n });

    const refused = await reversePaymentFlow(db.kysely, before.paymentId, 'bounced transfer', actor, clock).then(
      () => null,
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe('TAGIH_CONFLICT');
    expect((refused as AppError).message).toMatch(/approved after this payment; reverse through the plan/);
    expect(await state(accountId)).toEqual({ status: 'restructured', outstanding_idr: 5_000_000n });
    const pay = await db.kysely.selectFrom('payments').select('status').where('id', '=', before.paymentId).executeTakeFirstOrThrow();
    expect(pay.status).toBe('booked');

    // A payment received after the approval reverses normally and the account stays restructured.
    clock = new Date(clock.getTime() + 60_000);
    const after = await bookPaymentFlow(db.kysely, { accountId, amountIdr: 1_000_000n, valueDate: '2026-11-23', receivedAt: clock, source: 'manual', reference: null, idempotencyKey: 'flow:after-plan' });
    expect(await state(accountId)).toEqual({ status: 'restructured', outstanding_idr: 4_000_000n });
    await reversePaymentFlow(db.kysely, after.paymentId, 'bounced transfer', actor, clock);
    expect(await state(accountId)).toEqual({ status: 'restructured', outstanding_idr: 5_000_000n });
  });
});
