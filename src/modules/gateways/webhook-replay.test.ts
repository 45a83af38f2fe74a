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
import type { Db } from '../../db/connection.ts';
import type { GatewayName } from '../../db/schema-gateways.ts';
import { rupiah } from '../../domain/money.ts';
import { createRng, type Rng } from '../demo/prng.ts';
import { createAccount } from '../payments/test-fixtures.ts';
import { midtransSignature } from './midtrans.ts';
import { signSandboxNotification } from './sandbox.ts';

const SERVER_KEY = 'SB-Mid-server-replay';
const XENDIT_TOKEN = 'xendit-replay-token-0123456789';
const SANDBOX_KEY = 'sandbox-replay-key-0123456789';

interface Delivery {
  readonly gateway: GatewayName;
  readonly body: unknown;
  readonly headers: Record<string, string>;
  readonly expect: 'ok' | 'bad_signature';
}

interface Order {
  readonly gateway: GatewayName;
  readonly orderRef: string;
  readonly instrumentRef: string;
  readonly amount: bigint;
  /** True when at least one validly signed "paid" notification is delivered for a known instrument. */
  paid: boolean;
  readonly known: boolean;
}

function shuffle<T>(items: T[], rng: Rng): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/** The notifications one order produces at its gateway, with retries, late statuses and forgeries mixed in. */
function notificationsFor(o: Order, rng: Rng): Delivery[] {
  const out: Delivery[] = [];
  const amountText = `${o.amount}.00`;
  const willPay = rng.chance(0.7);
  const midtrans = (status: string, code: string, amount = amountText, key = SERVER_KEY): Delivery => ({
    gateway: 'midtrans',
    headers: {},
    body: { order_id: o.orderRef, status_code: code, gross_amount: amount, transaction_status: status, transaction_time: '2026-11-23 09:00:00', signature_key: midtransSignature(o.orderRef, code, amount, key) },
    expect: key === SERVER_KEY && amount === amountText ? 'ok' : 'bad_signature',
  });
  const xendit = (token: string, amount = Number(o.amount)): Delivery => ({
    gateway: 'xendit',
    headers: { 'x-callback-token': token },
    body: { id: `cb-${o.orderRef}`, payment_id: o.orderRef, callback_virtual_account_id: 'xva', external_id: o.instrumentRef, account_number: '107661', bank_code: 'BNI', amount, transaction_timestamp: '2026-11-23T02:00:00.000Z' },
    expect: token === XENDIT_TOKEN ? 'ok' : 'bad_signature',
  });
  const sandbox = (status: 'pending' | 'paid' | 'expired', key = SANDBOX_KEY): Delivery => ({
    gateway: 'sandbox',
    headers: {},
    body: signSandboxNotification(key, { orderId: o.orderRef, instrumentRef: o.instrumentRef, status, amount: rupiah(o.amount), paidAt: status === 'paid' ? new Date('2026-11-23T02:00:00Z') : null }),
    expect: key === SANDBOX_KEY ? 'ok' : 'bad_signature',
  });

  const repeats = () => rng.int(1, 4);
  if (o.gateway === 'midtrans') {
    for (let i = rng.int(1, 2); i > 0; i--) out.push(midtrans('pending', '201'));
    if (willPay) {
      for (let i = repeats(); i > 0; i--) out.push(rng.chance(0.5) ? midtrans('settlement', '200') : midtrans('capture', '200'));
      if (rng.chance(0.3)) out.push(midtrans('expire', '407'));
    } else if (rng.chance(0.6)) out.push(midtrans('expire', '407'));
    // Forgeries: a settlement signed with the wrong key, or with the amount changed after signing.
    if (rng.chance(0.4)) out.push(midtrans('settlement', '200', amountText, 'wrong-key'));
    if (rng.chance(0.3)) out.push({ ...midtrans('settlement', '200'), body: { ...(midtrans('settlement', '200').body as object), gross_amount: `${o.amount * 10n}.00` }, expect: 'bad_signature' });
  } else if (o.gateway === 'xendit') {
    if (willPay) for (let i = repeats(); i > 0; i--) out.push(xendit(XENDIT_TOKEN));
    if (rng.chance(0.5)) out.push(xendit('not-the-token', Number(o.amount) * 3));
  } else {
    if (rng.chance(0.7)) out.push(sandbox('pending'));
    if (willPay) {
      for (let i = repeats(); i > 0; i--) out.push(sandbox('paid'));
      if (rng.chance(0.3)) out.push(sandbox('pending'));
    } else if (rng.chance(0.5)) out.push(sandbox('expired'));
    if (rng.chance(0.4)) out.push(sandbox('paid', 'forged-key-0123456789abcdef'));
  }
  if (o.known && out.some((d) => d.expect === 'ok' && isPaid(d))) o.paid = true;
  return out;
}

function isPaid(d: Delivery): boolean {
  const b = d.body as Record<string, unknown>;
  if (d.gateway === 'midtrans') return b['transaction_status'] === 'settlement' || b['transaction_status'] === 'capture';
  if (d.gateway === 'xendit') return true;
  return b['status'] === 'paid';
}

describe.each(testDatabases)('webhook replay storm on $name', (target) => {
  const total = target.name === 'postgres' ? 10_000 : 1_500;
  const concurrency = target.name === 'postgres' ? 8 : 1;
  let db: Db;
  let app: FastifyInstance;
  const orders: Order[] = [];
  const deliveries: Delivery[] = [];

  beforeAll(async () => {
    db = await target.open();
    ({ app } = await testApp(db, { env: { LOG_LEVEL: process.env['REPLAY_LOG'] ?? 'silent', MIDTRANS_SERVER_KEY: SERVER_KEY, XENDIT_CALLBACK_TOKEN: XENDIT_TOKEN, TAGIH_SANDBOX_GATEWAY_KEY: SANDBOX_KEY } }));
    const rng = createRng(20261123);
    const accounts: string[] = [];
    for (let i = 0; i < 40; i++) {
      const { accountId } = await createAccount(db.kysely, {
        accountNo: `RPL-${String(i).padStart(4, '0')}`,
        outstanding: 10_000_000_000n,
        oldestUnpaidDueDate: '2026-10-01',
        dpd: 53,
        bucket: '31-60',
        kol: 2,
        asOf: '2026-11-23',
        schedule: [{ seq: 1, dueDate: '2026-10-01', principal: 10_000_000_000n }],
      });
      accounts.push(accountId);
    }
    // One open VA per account and gateway (Xendit, sandbox), plus per-order Midtrans charges.
    const instruments: { account_id: string; gateway: GatewayName; kind: 'va'; reference: string; bank: string; va_number: string }[] = [];
    accounts.forEach((id, i) => {
      instruments.push({ account_id: id, gateway: 'xendit', kind: 'va', reference: `XVA-${i}`, bank: 'bni', va_number: `10766${i}` });
      instruments.push({ account_id: id, gateway: 'sandbox', kind: 'va', reference: `SBX-VA-bca-RPL-${i}`, bank: 'bca', va_number: `3901${i}` });
    });
    let n = 0;
    while (deliveries.length < total) {
      n++;
      const gateway = rng.weighted<GatewayName>([['midtrans', 4], ['xendit', 3], ['sandbox', 3]]);
      const known = rng.chance(0.95);
      const account = rng.int(0, accounts.length - 1);
      const orderRef = `${gateway.slice(0, 3).toUpperCase()}-ORD-${n}`;
      const instrumentRef = gateway === 'midtrans' ? orderRef : gateway === 'xendit' ? `XVA-${account}` : `SBX-VA-bca-RPL-${account}`;
      const instrumentKnown = gateway === 'midtrans' ? known : true;
      const order: Order = { gateway, orderRef, instrumentRef: instrumentKnown ? instrumentRef : `${instrumentRef}-unknown`, amount: BigInt(rng.int(1, 5000)) * 1000n, paid: false, known: gateway === 'midtrans' ? known : true };
      if (gateway === 'midtrans' && known) instruments.push({ account_id: accounts[account]!, gateway, kind: 'va', reference: orderRef, bank: 'bca', va_number: `12345${n}` });
      orders.push(order);
      deliveries.push(...notificationsFor(order, rng));
    }
    deliveries.length = total;
    // Orders whose paid notification fell beyond the cut are recomputed from what is actually delivered.
    const paidDelivered = new Set(deliveries.filter((d) => d.expect === 'ok' && isPaid(d)).map((d) => orderRefOf(d)));
    for (const o of orders) o.paid = o.known && paidDelivered.has(o.orderRef);
    for (let i = 0; i < instruments.length; i += 500) await db.kysely.insertInto('payment_instruments').values(instruments.slice(i, i + 500)).execute();
    shuffle(deliveries, rng);
  }, 120_000);
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  function orderRefOf(d: Delivery): string {
    const b = d.body as Record<string, unknown>;
    return String(d.gateway === 'xendit' ? b['payment_id'] : b['order_id']);
  }

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
