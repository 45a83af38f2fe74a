/**
 * Robustness: thousands of gateway notifications — retried, duplicated, reordered, forged and for orders
 * Tagih never issued — shuffled and delivered over HTTP (concurrently on PostgreSQL). Every order that was
 * really paid must be booked exactly once, with its amount, and nothing else may be booked.
 * 10,000 notifications on PostgreSQL; PGlite (one session, serial) runs a smaller set to stay quick.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { testDatabases } from '../../../test/support/databases.ts';
import { testApp } from '../../../test/support/app.ts';
import { createStormAccounts, prepareStorm, STORM_ENV, type Delivery, type Order } from '../../../test/support/webhook-storm.ts';
import type { Db } from '../../db/connection.ts';

describe.each(testDatabases)('webhook replay storm on $name', (target) => {
  const total = target.name === 'postgres' ? 10_000 : 1_500;
  const concurrency = target.name === 'postgres' ? 8 : 1;
  let db: Db;
  let app: FastifyInstance;
  let orders: Order[] = [];
  let deliveries: Delivery[] = [];

  beforeAll(async () => {
    db = await target.open();
    ({ app } = await testApp(db, { env: { ...STORM_ENV, LOG_LEVEL: process.env['REPLAY_LOG'] ?? 'silent' } }));
    const accounts = await createStormAccounts(db.kysely, 40);
    ({ orders, deliveries } = await prepareStorm(db.kysely, accounts, total));
  }, 120_000);
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  it(`books each paid order exactly once among ${total} shuffled notifications`, async () => {
    const statuses: { status: number; expect: Delivery['expect'] }[] = [];
    let next = 0;
    const worker = async () => {
      while (next < deliveries.length) {
        const d = deliveries[next++]!;
        const res = await app.inject({ method: 'POST', url: `/api/v1/webhooks/${d.gateway}`, payload: d.body as object, headers: d.headers });
        statuses.push({ status: res.statusCode, expect: d.expect });
        if (res.statusCode >= 500) throw new Error(`webhook answered ${res.statusCode}: ${res.body}`);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));

    expect(statuses).toHaveLength(total);
    expect(statuses.filter((s) => s.expect === 'bad_signature').every((s) => s.status === 401)).toBe(true);
    expect(statuses.filter((s) => s.expect === 'ok').every((s) => s.status === 200)).toBe(true);

    const payments = await db.kysely.selectFrom('payments').select(['external_ref', 'amount_idr', 'idempotency_key', 'status']).where('source', '=', 'gateway').execute();
    const expected = orders.filter((o) => o.paid);
    expect(expected.length).toBeGreaterThan(total / 10);
    expect(payments).toHaveLength(expected.length);
    const byRef = new Map(payments.map((p) => [p.idempotency_key, p]));
    expect(byRef.size).toBe(payments.length);
    for (const o of expected) {
      const p = byRef.get(`gw:${o.gateway}:${o.orderRef}`);
      expect(p, `${o.gateway} ${o.orderRef}`).toBeDefined();
      expect(p!.amount_idr).toBe(o.amount);
      expect(p!.status).toBe('booked');
    }
    // The ledger agrees: what was booked is exactly what left the accounts' outstanding balances.
    const bookedSum = expected.reduce((s, o) => s + o.amount, 0n);
    const accounts = await db.kysely.selectFrom('accounts').select(['outstanding_idr', 'credit_balance_idr']).where('account_no', 'like', 'RPL-%').execute();
    expect(accounts.reduce((s, a) => s + (10_000_000_000n - a.outstanding_idr), 0n)).toBe(bookedSum);
    // Every paid order is in state paid with its payment; none regressed.
    const orderRows = await db.kysely.selectFrom('gateway_orders').select(['gateway', 'order_ref', 'status', 'payment_id']).execute();
    const paidRows = orderRows.filter((r) => r.status === 'paid');
    expect(paidRows).toHaveLength(expected.length);
    expect(paidRows.every((r) => r.payment_id !== null)).toBe(true);
    // Every call was recorded, with forgeries as bad_signature and unknown orders acknowledged.
    const receipts = await db.kysely.selectFrom('webhook_receipts').select(['verdict']).execute();
    expect(receipts).toHaveLength(total);
    expect(receipts.filter((r) => r.verdict === 'bad_signature')).toHaveLength(statuses.filter((s) => s.expect === 'bad_signature').length);
    expect(receipts.filter((r) => r.verdict === 'booked')).toHaveLength(expected.length);
    expect(receipts.some((r) => r.verdict === 'unknown_order')).toBe(true);
  }, 900_000);
});
