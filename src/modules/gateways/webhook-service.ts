import type { Kysely } from 'kysely';
import type { AppDeps } from '../../app-deps.ts';
import type { Database } from '../../db/schema.ts';
import type { GatewayName, WebhookVerdict } from '../../db/schema-gateways.ts';
import { transition } from '../../domain/gateways/order-state.ts';
import { AppError } from '../../lib/app-error.ts';
import type { Actor } from '../audit/index.ts';
import type { PaymentBooker } from './booking.ts';
import type { IncomingNotification, PaymentGateway, VerifiedNotification } from './gateway.ts';
import * as repo from './repo.ts';

/** What the webhook answers (always 200 once the signature is good, so the gateway stops retrying). */
export interface WebhookOutcome {
  readonly verdict: WebhookVerdict;
  readonly order_ref: string | null;
  readonly payment_id: string | null;
}

/** Keys that may carry personal data in gateway payloads; receipts keep the rest as evidence. */
const PII_KEY = /name|email|phone|customer|address|payer/i;

function redact(body: unknown, depth = 0): unknown {
  if (depth > 4 || body === null || typeof body !== 'object') return body;
  if (Array.isArray(body)) return body.slice(0, 20).map((v) => redact(v, depth + 1));
  return Object.fromEntries(Object.entries(body as Record<string, unknown>).filter(([k]) => !PII_KEY.test(k)).map(([k, v]) => [k, redact(v, depth + 1)]));
}

/**
 * Handles one webhook call: verify, record, and move the order's state machine — booking the payment on
 * the first transition to paid, in the same transaction as the state change and the receipt.
 * Concurrent and replayed calls for one order serialise on the order row (`FOR UPDATE`), and the
 * unique `(gateway, order_ref)` plus the payment's idempotency key make a second booking impossible.
 * A bad signature is recorded and answered 401; a notification for an order Tagih never issued is
 * recorded and answered 200 without booking.
 */
export async function handleWebhook(
  deps: AppDeps,
  booker: PaymentBooker,
  gateway: PaymentGateway,
  input: IncomingNotification & { readonly remoteIp: string | null },
): Promise<WebhookOutcome> {
  const receivedAt = deps.now();
  const payload = redact(input.body);
  const verified = gateway.verifyNotification(input);
  if (!verified.ok) {
    await repo.insertReceipt(deps.db.kysely, {
      gateway: gateway.name,
      receivedAt,
      verdict: verified.verdict,
      orderRef: verified.orderRef,
      reportedStatus: null,
      detail: verified.message,
      payload,
      remoteIp: input.remoteIp,
    });
    if (verified.verdict === 'bad_signature') throw new AppError('TAGIH_BAD_SIGNATURE', `${gateway.name} notification rejected: ${verified.message}`);
    throw new AppError('TAGIH_VALIDATION', verified.message);
  }
  const n = verified.notification;
  return deps.db.kysely.transaction().execute((trx) => applyNotification(trx, booker, gateway.name, n, { receivedAt, payload, remoteIp: input.remoteIp }));
}

/** A payment link or a closed-amount VA is used up once paid; an open VA keeps receiving. */
const singleUse = (i: { kind: string; amount_idr: bigint | null }) => i.kind === 'link' || i.amount_idr !== null;

const WEBHOOK_ACTOR = (gateway: GatewayName): Actor => ({ id: null, label: `webhook:${gateway}` });

async function applyNotification(
  trx: Kysely<Database>,
  booker: PaymentBooker,
  gateway: GatewayName,
  n: VerifiedNotification,
  ctx: { receivedAt: Date; payload: unknown; remoteIp: string | null },
): Promise<WebhookOutcome> {
  const receipt = (verdict: WebhookVerdict, detail: string) =>
    repo.insertReceipt(trx, { gateway, receivedAt: ctx.receivedAt, verdict, orderRef: n.orderRef, reportedStatus: n.reportedStatus, detail, payload: ctx.payload, remoteIp: ctx.remoteIp });

  const instrument = await repo.findInstrumentByReference(trx, gateway, n.instrumentRef);
  if (!instrument) {
    await receipt('unknown_order', `no instrument with reference ${n.instrumentRef}`);
    return { verdict: 'unknown_order', order_ref: n.orderRef, payment_id: null };
  }
  if (n.state === null) {
    await receipt('ignored', `status ${n.reportedStatus} does not move money`);
    return { verdict: 'ignored', order_ref: n.orderRef, payment_id: null };
  }

  // Fast path for the commonest retry: a notification for an order already settled that cannot move it
  // (states never regress, and only a refund follows paid) is recorded without queueing on the account lock.
  const peek = await repo.peekOrder(trx, gateway, n.orderRef);
  if (peek && (peek.status === 'refunded' || (peek.status === 'paid' && n.state !== 'refunded'))) {
    const step = transition(peek.status, n.state);
    await repo.updateOrder(trx, peek.id, { counted: true, now: ctx.receivedAt });
    await receipt('ignored', step.reason);
    return { verdict: 'ignored', order_ref: n.orderRef, payment_id: peek.payment_id };
  }

  await repo.lockAccount(trx, instrument.account_id);
  const createdId = await repo.insertOrderIfNew(trx, {
    gateway,
    orderRef: n.orderRef,
    instrumentId: instrument.id,
    accountId: instrument.account_id,
    status: n.state,
    amount: n.amount,
    paidAt: n.state === 'paid' ? (n.paidAt ?? ctx.receivedAt) : null,
    now: ctx.receivedAt,
  });
  const order = createdId ? null : await repo.lockOrder(trx, gateway, n.orderRef);
  const step = transition(order ? order.status : null, n.state);
  const orderId = createdId ?? order!.id;
  if (order) {
    await repo.updateOrder(trx, orderId, {
      counted: true,
      now: ctx.receivedAt,
      ...(step.changed ? { status: step.next } : {}),
      ...(step.effect === 'book' ? { amount: n.amount, paidAt: n.paidAt ?? ctx.receivedAt } : {}),
    });
  }

  if (step.effect === 'book') {
    const accountId = order ? order.account_id : instrument.account_id;
    const paidAt = n.paidAt ?? ctx.receivedAt;
    const { paymentId } = await booker.book(trx, {
      accountId,
      amount: n.amount,
      paidAt,
      channel: `gateway:${gateway}`,
      externalRef: n.orderRef,
      idempotencyKey: `gw:${gateway}:${n.orderRef}`,
      actor: WEBHOOK_ACTOR(gateway),
    });
    await repo.updateOrder(trx, orderId, { counted: false, paymentId, now: ctx.receivedAt });
    if (singleUse(instrument)) await repo.closeInstrument(trx, instrument.id, 'paid');
    const mismatch = instrument.amount_idr !== null && instrument.amount_idr !== n.amount ? ` (instrument expected ${instrument.amount_idr})` : '';
    await receipt('booked', `${step.reason}; booked ${n.amount}${mismatch}`);
    return { verdict: 'booked', order_ref: n.orderRef, payment_id: paymentId };
  }
  if (step.effect === 'reverse' && order?.payment_id) {
    await booker.reverse(trx, { paymentId: order.payment_id, reason: `refunded at ${gateway} (order ${n.orderRef})`, at: ctx.receivedAt, actor: WEBHOOK_ACTOR(gateway) });
  }
  // Where the order is the instrument (a Midtrans charge, a Xendit invoice), its expiry or cancellation ends the instrument.
  const orderIsInstrument = gateway === 'midtrans' || (gateway === 'xendit' && instrument.kind === 'link');
  if (step.changed && (step.next === 'expired' || step.next === 'cancelled') && orderIsInstrument) await repo.closeInstrument(trx, instrument.id, step.next);
  await receipt(step.changed ? 'applied' : 'ignored', step.reason);
  return { verdict: step.changed ? 'applied' : 'ignored', order_ref: n.orderRef, payment_id: order?.payment_id ?? null };
}
