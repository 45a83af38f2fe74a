import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/support/databases.ts';
import { testApp } from '../../../test/support/app.ts';
import { loginAs, type LoggedIn } from '../../../test/support/users.ts';
import type { Db } from '../../db/connection.ts';
import { reconcileStatement } from './reconcile.ts';
import { createAccount } from './test-fixtures.ts';
import { bookPaymentFlow } from '../../flows/payment-booking.ts';

const AT = new Date('2026-11-23T03:00:00Z');
const STATEMENT = ['date,description,amount,reference,currency', '2026-11-21,SETORAN TUNAI,750000,,IDR', '2026-11-21,TITIPAN,333000,,IDR', '2026-11-21,SETORAN TUNAI 2,750000,,IDR'].join('\n');

describe.each(testDatabases)('payments review queue API on $name', (target) => {
  let db: Db;
  let app: FastifyInstance;
  let supervisor: LoggedIn;
  let agent: LoggedIn;
  let accountId: string;

  beforeAll(async () => {
    db = await target.open();
    let deps;
    ({ app, deps } = await testApp(db, { now: () => AT }));
    supervisor = await loginAs(app, deps, 'supervisor');
    agent = await loginAs(app, deps, 'agent');
    ({ accountId } = await createAccount(db.kysely, { accountNo: 'KTA-0004', debtorName: 'Dewi Lestari', outstanding: 3_000_000n, installment: 750_000n, oldestUnpaidDueDate: '2026-11-20', dpd: 3, bucket: '1-30', kol: 2, asOf: '2026-11-23' }));
    const r = await reconcileStatement(db.kysely, { text: STATEMENT, fileName: 's.csv', actor: { id: null, label: 'test' }, receivedAt: AT, book: bookPaymentFlow });
    expect(r.ok && r.summary).toEqual({ matched: 0, suggested: 2, unmatched: 1 });
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  it('lists suggested lines with ranked candidates, pages with a cursor, and lists unmatched ones separately', async () => {
    const first = await app.inject({ url: '/api/v1/payments/review?limit=1', headers: agent.headers });
    expect(first.statusCode).toBe(200);
    const body = first.json();
    expect(body.items).toHaveLength(1);
    expect(body.items[0]).toMatchObject({ status: 'suggested', amount: '750000.00', rule: 'amount_date', candidates: [{ account_id: accountId, account_no: 'KTA-0004', rule: 'amount_date' }] });
    const second = (await app.inject({ url: `/api/v1/payments/review?limit=1&cursor=${body.next_cursor}`, headers: agent.headers })).json();
    expect(second.items).toHaveLength(1);
    expect(second.items[0].id).not.toBe(body.items[0].id);
    expect(second.next_cursor).toBeNull();
    const unmatched = (await app.inject({ url: '/api/v1/payments/review?status=unmatched', headers: agent.headers })).json();
    expect(unmatched.items.map((i: { amount: string }) => i.amount)).toEqual(['333000.00']);
  });

  it('lets only payments:write confirm; confirming books once, audits, and removes the line from the queue', async () => {
    const queue = (await app.inject({ url: '/api/v1/payments/review', headers: supervisor.headers })).json();
    const lineId = queue.items[0].id as string;
    const denied = await app.inject({ method: 'POST', url: `/api/v1/payments/review/${lineId}/confirm`, headers: agent.headers, payload: { account_id: accountId } });
    expect(denied.statusCode).toBe(403);
    const ok = await app.inject({ method: 'POST', url: `/api/v1/payments/review/${lineId}/confirm`, headers: supervisor.headers, payload: { account_id: accountId, note: 'called debtor' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ id: lineId, status: 'confirmed', account_id: accountId });
    const again = await app.inject({ method: 'POST', url: `/api/v1/payments/review/${lineId}/confirm`, headers: supervisor.headers, payload: { account_id: accountId } });
    expect(again.statusCode).toBe(409);
    const payments = await db.kysely.selectFrom('payments').select(['account_id', 'amount_idr']).execute();
    expect(payments).toEqual([{ account_id: accountId, amount_idr: 750_000n }]);
    const audits = await db.kysely.selectFrom('audit_log').select(['action', 'actor_label', 'reason']).where('action', 'like', 'statement_line.%').execute();
    expect(audits).toEqual([{ action: 'statement_line.confirmed', actor_label: supervisor.user.username, reason: 'called debtor' }]);
    const left = (await app.inject({ url: '/api/v1/payments/review', headers: supervisor.headers })).json();
    expect(left.items.map((i: { id: string }) => i.id)).not.toContain(lineId);
  });

  it('rejects with a required note, books nothing, and refuses unknown lines', async () => {
    const queue = (await app.inject({ url: '/api/v1/payments/review?status=unmatched', headers: supervisor.headers })).json();
    const lineId = queue.items[0].id as string;
    expect((await app.inject({ method: 'POST', url: `/api/v1/payments/review/${lineId}/reject`, headers: supervisor.headers, payload: { note: '' } })).statusCode).toBe(400);
    const res = await app.inject({ method: 'POST', url: `/api/v1/payments/review/${lineId}/reject`, headers: supervisor.headers, payload: { note: 'internal transfer' } });
    expect(res.json()).toMatchObject({ status: 'rejected', payment_id: null });
    expect(await db.kysely.selectFrom('payments').select('id').execute()).toHaveLength(1);
    const missing = await app.inject({ method: 'POST', url: '/api/v1/payments/review/00000000-0000-4000-8000-000000000000/reject', headers: supervisor.headers, payload: { note: 'x' } });
    expect(missing.statusCode).toBe(404);
  });
});
