/**
 * A storm of gateway notifications for robustness tests and the webhook benchmark: per order, retries,
 * duplicates, late statuses and forgeries (wrong key, amount changed after signing), plus orders Tagih never
 * issued; shuffled with a seeded PRNG. `expectedPaid` says which orders must end up booked exactly once.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.ts';
import type { GatewayName } from '../../src/db/schema-gateways.ts';
import { rupiah } from '../../src/domain/money.ts';
import { createRng, type Rng } from '../../src/modules/demo/prng.ts';
import { midtransSignature } from '../../src/modules/gateways/midtrans.ts';
import { signSandboxNotification } from '../../src/modules/gateways/sandbox.ts';
import { createAccount } from '../../src/modules/payments/test-fixtures.ts';

export const SERVER_KEY = 'SB-Mid-server-replay';
export const XENDIT_TOKEN = 'xendit-replay-token-0123456789';
export const SANDBOX_KEY = 'sandbox-replay-key-0123456789';

export interface Delivery {
  readonly gateway: GatewayName;
  readonly body: unknown;
  readonly headers: Record<string, string>;
  readonly expect: 'ok' | 'bad_signature';
}

export interface Order {
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

export function isPaid(d: Delivery): boolean {
  const b = d.body as Record<string, unknown>;
  if (d.gateway === 'midtrans') return b['transaction_status'] === 'settlement' || b['transaction_status'] === 'capture';
  if (d.gateway === 'xendit') return true;
  return b['status'] === 'paid';
}


export function orderRefOf(d: Delivery): string {
  const b = d.body as Record<string, unknown>;
  return String(d.gateway === 'xendit' ? b['payment_id'] : b['order_id']);
}

/** Env for an app that verifies the storm's signatures. */
/** `n` accounts `RPL-00000…` owing far more than any storm pays, 53 days late: no payment can close one. */
export async function createStormAccounts(db: Kysely<Database>, n: number): Promise<string[]> {
  const accounts: string[] = [];
  for (let i = 0; i < n; i++) {
    const { accountId } = await createAccount(db, {
      accountNo: `RPL-${String(i).padStart(5, '0')}`,
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
  return accounts;
}

export const STORM_ENV = { MIDTRANS_SERVER_KEY: SERVER_KEY, XENDIT_CALLBACK_TOKEN: XENDIT_TOKEN, TAGIH_SANDBOX_GATEWAY_KEY: SANDBOX_KEY } as const;

/**
 * Inserts the instruments the storm pays into (one Xendit and one sandbox VA per account, one Midtrans charge
 * per known Midtrans order) and returns `total` shuffled deliveries with the orders they concern.
 */
export async function prepareStorm(db: Kysely<Database>, accounts: readonly string[], total: number, seed = 20261123): Promise<{ orders: Order[]; deliveries: Delivery[] }> {
  const rng = createRng(seed);
  const orders: Order[] = [];
  const deliveries: Delivery[] = [];
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
    // Midtrans: an order Tagih never charged; Xendit/sandbox: a VA reference Tagih never issued.
    const order: Order = { gateway, orderRef, instrumentRef: known ? instrumentRef : `${instrumentRef}-unknown`, amount: BigInt(rng.int(1, 5000)) * 1000n, paid: false, known };
    if (gateway === 'midtrans' && known) instruments.push({ account_id: accounts[account]!, gateway, kind: 'va', reference: orderRef, bank: 'bca', va_number: `12345${n}` });
    orders.push(order);
    deliveries.push(...notificationsFor(order, rng));
  }
  deliveries.length = total;
  // Orders whose paid notification fell beyond the cut are recomputed from what is actually delivered.
  const paidDelivered = new Set(deliveries.filter((d) => d.expect === 'ok' && isPaid(d)).map((d) => `${d.gateway}:${orderRefOf(d)}`));
  for (const o of orders) o.paid = o.known && paidDelivered.has(`${o.gateway}:${o.orderRef}`);
  for (let i = 0; i < instruments.length; i += 500) await db.insertInto('payment_instruments').values(instruments.slice(i, i + 500)).execute();
  shuffle(deliveries, rng);
  return { orders, deliveries };
}
