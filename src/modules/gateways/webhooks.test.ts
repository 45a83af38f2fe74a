import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { testDatabases } from '../../../test/support/databases.ts';
import { testApp } from '../../../test/support/app.ts';
import { fakeGatewayServer } from '../../../test/support/fake-gateway-server.ts';
import { loginAs, type LoggedIn } from '../../../test/support/users.ts';
import type { AppDeps } from '../../app-deps.ts';
import type { Db } from '../../db/connection.ts';
import { rupiah } from '../../domain/money.ts';
import { createAccount } from '../payments/test-fixtures.ts';
import { midtransSignature } from './midtrans.ts';
import { sandboxVaNumber, signSandboxNotification } from './sandbox.ts';

const SERVER_KEY = 'SB-Mid-server-webhook-test';
const XENDIT_TOKEN = 'xendit-verification-token-0123456789';
const SANDBOX_KEY = 'sandbox-key-0123456789abcdef';

describe.each(testDatabases)('payment instruments and webhooks on $name', (target) => {
  let db: Db;
  let app: FastifyInstance;
  let deps: AppDeps;
  let gatewayServer: Awaited<ReturnType<typeof fakeGatewayServer>>;
  let supervisor: LoggedIn;
  let agent: LoggedIn;
  let accountId: string;
  let vaCount = 0;

  beforeAll(async () => {
    gatewayServer = await fakeGatewayServer((r) => {
      if (r.path === '/v2/charge') {
        const details = r.body['transaction_details'] as { order_id: string };
        return { status: 200, body: { status_code: '201', transaction_id: `tx-${details.order_id}`, va_numbers: [{ bank: 'bca', va_number: `1234500000${++vaCount}` }] } };
      }
      if (r.path === '/callback_virtual_accounts') return { status: 200, body: { id: `xva-${++vaCount}`, external_id: r.body['external_id'], account_number: `10766${vaCount}`, status: 'PENDING' } };
      return { status: 404, body: { message: 'not found' } };
    });
    db = await target.open();
    ({ app, deps } = await testApp(db, {
      now: () => new Date('2026-11-23T03:00:00Z'),
      env: {
        MIDTRANS_SERVER_KEY: SERVER_KEY,
        MIDTRANS_API_URL: gatewayServer.url,
        XENDIT_CALLBACK_TOKEN: XENDIT_TOKEN,
        XENDIT_SECRET_KEY: 'xnd_development_test',
        XENDIT_API_URL: gatewayServer.url,
        TAGIH_SANDBOX_GATEWAY_KEY: SANDBOX_KEY,
      },
    }));
    supervisor = await loginAs(app, deps, 'supervisor');
    agent = await loginAs(app, deps, 'agent');
    ({ accountId } = await createAccount(db.kysely, {
      accountNo: 'KTA-9001',
      outstanding: 3_000_000n,
      oldestUnpaidDueDate: '2026-10-01',
      dpd: 53,
      bucket: '31-60',
      kol: 2,
      asOf: '2026-11-23',
      schedule: [
        { seq: 1, dueDate: '2026-10-01', principal: 1_000_000n },
        { seq: 2, dueDate: '2026-11-01', principal: 1_000_000n },
        { seq: 3, dueDate: '2026-12-01', principal: 1_000_000n },
      ],
      openCase: true,
    }));
  });
  afterAll(async () => {
    await app.close();
    await db.close();
    await gatewayServer.close();
  });

  const post = (url: string, payload: unknown, headers: Record<string, string> = {}) => app.inject({ method: 'POST', url, payload: payload as object, headers });
  const bookedPayments = () => db.kysely.selectFrom('payments').select(['id', 'amount_idr', 'status', 'idempotency_key']).where('account_id', '=', accountId).orderBy('created_at').execute();
  const midtransNote = (orderId: string, status: string, amount: string, statusCode = '200') => ({
    order_id: orderId,
    status_code: statusCode,
    gross_amount: amount,
    transaction_status: status,
    transaction_time: '2026-11-23 10:00:00',
    signature_key: midtransSignature(orderId, statusCode, amount, SERVER_KEY),
  });

  it('issues a sandbox VA once per account and bank, and scopes agents to their accounts', async () => {
    const first = await post(`/api/v1/accounts/${accountId}/virtual-accounts`, { gateway: 'sandbox', bank: 'bca' }, supervisor.headers);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ gateway: 'sandbox', kind: 'va', va_number: sandboxVaNumber('KTA-9001', 'bca'), amount_idr: null, status: 'active' });
    const again = await post(`/api/v1/accounts/${accountId}/virtual-accounts`, { gateway: 'sandbox', bank: 'bca' }, supervisor.headers);
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);
    expect((await post(`/api/v1/accounts/${accountId}/virtual-accounts`, { gateway: 'sandbox', bank: 'xyz' }, supervisor.headers)).statusCode).toBe(400);
    expect((await post(`/api/v1/accounts/${accountId}/virtual-accounts`, { gateway: 'sandbox', bank: 'bca' }, agent.headers)).statusCode).toBe(403);
    expect((await app.inject({ url: `/api/v1/accounts/${accountId}/virtual-accounts`, headers: agent.headers })).statusCode).toBe(404);
    const list = await app.inject({ url: `/api/v1/accounts/${accountId}/virtual-accounts`, headers: supervisor.headers });
    expect(list.json().items).toHaveLength(1);
    const audit = await db.kysely.selectFrom('audit_log').select('action').where('entity_id', '=', accountId).execute();
    expect(audit.map((a) => a.action)).toContain('payment_instrument.va_created');
  });

  it('books a Midtrans VA payment once: pending, settlement, duplicate and late pending', async () => {
    const created = await post(`/api/v1/accounts/${accountId}/virtual-accounts`, { gateway: 'midtrans', bank: 'bca', amount_idr: '1000000' }, supervisor.headers);
    expect(created.statusCode).toBe(201);
    const orderId = created.json().reference as string;
    expect(gatewayServer.requests.at(-1)!.body).toMatchObject({ payment_type: 'bank_transfer', transaction_details: { order_id: orderId, gross_amount: 1000000 } });

    const pending = await post('/api/v1/webhooks/midtrans', midtransNote(orderId, 'pending', '1000000.00', '201'));
    expect(pending.json()).toMatchObject({ received: true, verdict: 'applied' });
    const settled = await post('/api/v1/webhooks/midtrans', midtransNote(orderId, 'settlement', '1000000.00'));
    expect(settled.statusCode).toBe(200);
    expect(settled.json()).toMatchObject({ verdict: 'booked', order_ref: orderId });
    expect((await post('/api/v1/webhooks/midtrans', midtransNote(orderId, 'settlement', '1000000.00'))).json().verdict).toBe('ignored');
    expect((await post('/api/v1/webhooks/midtrans', midtransNote(orderId, 'pending', '1000000.00', '201'))).json().verdict).toBe('ignored');

    const payments = await bookedPayments();
    expect(payments).toEqual([expect.objectContaining({ amount_idr: 1_000_000n, status: 'booked', idempotency_key: `gw:midtrans:${orderId}` })]);
    const account = await db.kysely.selectFrom('accounts').select(['outstanding_idr']).where('id', '=', accountId).executeTakeFirstOrThrow();
    expect(account.outstanding_idr).toBe(2_000_000n);
    const order = await db.kysely.selectFrom('gateway_orders').selectAll().where('order_ref', '=', orderId).executeTakeFirstOrThrow();
    expect(order).toMatchObject({ status: 'paid', notifications: 4, payment_id: payments[0]!.id });
    const instrument = await db.kysely.selectFrom('payment_instruments').select('status').where('reference', '=', orderId).executeTakeFirstOrThrow();
    expect(instrument.status).toBe('paid');
  });

  it('an expired Midtrans charge ends its VA; a closed sandbox VA is a separate one-off instrument', async () => {
    const created = (await post(`/api/v1/accounts/${accountId}/virtual-accounts`, { gateway: 'midtrans', bank: 'bni', amount_idr: '400000' }, supervisor.headers)).json();
    expect((await post('/api/v1/webhooks/midtrans', midtransNote(created.reference, 'expire', '400000.00', '407'))).json().verdict).toBe('applied');
    const after = (await app.inject({ url: `/api/v1/payment-instruments/${created.id}`, headers: supervisor.headers })).json();
    expect(after.status).toBe('expired');
    const closed = await post(`/api/v1/accounts/${accountId}/virtual-accounts`, { gateway: 'sandbox', bank: 'bca', amount_idr: '250000' }, supervisor.headers);
    expect(closed.statusCode).toBe(201);
    expect(closed.json().reference).not.toBe(`SBX-VA-bca-KTA-9001`);
  });

  it('answers 401 to a bad signature and records it, booking nothing', async () => {
    const before = (await bookedPayments()).length;
    const forged = { ...midtransNote('ORDER-FORGED', 'settlement', '5000000.00'), signature_key: 'f'.repeat(128) };
    const res = await post('/api/v1/webhooks/midtrans', forged);
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('TAGIH_BAD_SIGNATURE');
    expect((await post('/api/v1/webhooks/xendit', { payment_id: 'p', callback_virtual_account_id: 'v', external_id: 'e', amount: 1 }, { 'x-callback-token': 'wrong' })).statusCode).toBe(401);
    const receipts = await db.kysely.selectFrom('webhook_receipts').select(['gateway', 'verdict', 'order_ref']).where('verdict', '=', 'bad_signature').execute();
    expect(receipts).toEqual(expect.arrayContaining([{ gateway: 'midtrans', verdict: 'bad_signature', order_ref: 'ORDER-FORGED' }, expect.objectContaining({ gateway: 'xendit' })]));
    expect((await bookedPayments()).length).toBe(before);
    expect((await post('/api/v1/webhooks/midtrans', { hello: 'world' })).statusCode).toBe(400);
  });

  it('records and acknowledges a notification for an unknown order without booking', async () => {
    const before = (await bookedPayments()).length;
    const res = await post('/api/v1/webhooks/midtrans', midtransNote('ORDER-NOT-OURS', 'settlement', '250000.00'));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ verdict: 'unknown_order', payment_id: null });
    expect((await bookedPayments()).length).toBe(before);
    const r = await db.kysely.selectFrom('webhook_receipts').select(['verdict', 'payload']).where('order_ref', '=', 'ORDER-NOT-OURS').executeTakeFirstOrThrow();
    expect(r.verdict).toBe('unknown_order');
  });

  it('books each Xendit fixed-VA payment (keyed by payment_id) once', async () => {
    const created = await post(`/api/v1/accounts/${accountId}/virtual-accounts`, { gateway: 'xendit', bank: 'bni' }, supervisor.headers);
    expect(created.statusCode).toBe(201);
    const ref = created.json().reference as string;
    const callback = (paymentId: string, amount: number) => ({ id: `cb-${paymentId}`, payment_id: paymentId, callback_virtual_account_id: 'xva', external_id: ref, account_number: created.json().va_number, bank_code: 'BNI', amount, transaction_timestamp: '2026-11-23T02:00:00.000Z', sender_name: 'BUDI' });
    const h = { 'x-callback-token': XENDIT_TOKEN };
    expect((await post('/api/v1/webhooks/xendit', callback('xp-1', 200000), h)).json().verdict).toBe('booked');
    expect((await post('/api/v1/webhooks/xendit', callback('xp-1', 200000), h)).json().verdict).toBe('ignored');
    expect((await post('/api/v1/webhooks/xendit', callback('xp-2', 300000), h)).json().verdict).toBe('booked');
    const keys = (await bookedPayments()).map((p) => p.idempotency_key);
    expect(keys.filter((k) => k.startsWith('gw:xendit:'))).toEqual(['gw:xendit:xp-1', 'gw:xendit:xp-2']);
    const stored = await db.kysely.selectFrom('webhook_receipts').select('payload').where('order_ref', '=', 'xp-1').executeTakeFirstOrThrow();
    expect(JSON.stringify(stored.payload)).not.toContain('BUDI'); // payer names are not kept in receipts
  });

  it('simulates a sandbox payment through the signed webhook path, and a refund reverses it', async () => {
    const va = (await app.inject({ url: `/api/v1/accounts/${accountId}/virtual-accounts`, headers: supervisor.headers })).json().items.find((i: { gateway: string; amount_idr: string | null }) => i.gateway === 'sandbox' && i.amount_idr === null);
    const sim = await post('/api/v1/gateways/sandbox/simulate', { instrument_id: va.id, amount_idr: '150000', order_id: 'SBX-ORDER-1' }, supervisor.headers);
    expect(sim.statusCode).toBe(200);
    expect(sim.json()).toMatchObject({ verdict: 'booked', order_ref: 'SBX-ORDER-1' });
    // The same notification over HTTP (a gateway retry) books nothing more.
    const replay = await post('/api/v1/webhooks/sandbox', sim.json().notification);
    expect(replay.json().verdict).toBe('ignored');
    const refund = signSandboxNotification(SANDBOX_KEY, { orderId: 'SBX-ORDER-1', instrumentRef: va.reference, status: 'refunded', amount: rupiah(150000), paidAt: null });
    expect((await post('/api/v1/webhooks/sandbox', refund)).json().verdict).toBe('applied');
    const payment = await db.kysely.selectFrom('payments').select('status').where('idempotency_key', '=', 'gw:sandbox:SBX-ORDER-1').executeTakeFirstOrThrow();
    expect(payment.status).toBe('reversed');
    const settlementAfterRefund = signSandboxNotification(SANDBOX_KEY, { orderId: 'SBX-ORDER-1', instrumentRef: va.reference, status: 'paid', amount: rupiah(150000), paidAt: new Date('2026-11-23T01:00:00Z') });
    expect((await post('/api/v1/webhooks/sandbox', settlementAfterRefund)).json().verdict).toBe('ignored');
  });

  it('lists receipts newest first with a keyset cursor', async () => {
    const page1 = (await app.inject({ url: '/api/v1/webhook-receipts?limit=3', headers: supervisor.headers })).json();
    expect(page1.items).toHaveLength(3);
    const page2 = (await app.inject({ url: `/api/v1/webhook-receipts?limit=3&before_id=${page1.next_before_id}`, headers: supervisor.headers })).json();
    expect(Number(page2.items[0].id)).toBeLessThan(Number(page1.items[2].id));
    const bad = (await app.inject({ url: '/api/v1/webhook-receipts?verdict=bad_signature', headers: agent.headers })).json();
    expect(bad.items.length).toBeGreaterThanOrEqual(2);
  });
});
