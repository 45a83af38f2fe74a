import { sql, type Insertable, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { GatewayName, InstrumentKind, OrderStatus, PaymentInstrumentsTable, WebhookVerdict } from '../../db/schema-gateways.ts';
import { isScopedToAssignments } from '../../domain/permissions.ts';
import type { Principal } from '../../lib/route-access.ts';
import { assignedToPrincipal } from '../portfolio/index.ts';

type Db = Kysely<Database>;

/** The account an instrument is for, if the principal may see it (agents: assigned to them or their team). */
export async function findVisibleAccount(db: Db, principal: Principal | null, accountId: string) {
  let qb = db
    .selectFrom('accounts')
    .innerJoin('debtors', 'debtors.id', 'accounts.debtor_id')
    .select(['accounts.id', 'accounts.account_no', 'accounts.outstanding_idr', 'accounts.status', 'debtors.full_name'])
    .where('accounts.id', '=', accountId);
  if (principal && isScopedToAssignments(principal.role)) {
    qb = qb.where(assignedToPrincipal('accounts.id', principal));
  }
  return qb.executeTakeFirst();
}

const instrumentColumns = ['id', 'account_id', 'gateway', 'kind', 'reference', 'external_id', 'bank', 'va_number', 'payment_url', 'amount_idr', 'status', 'expires_at', 'created_at'] as const;

export function listInstruments(db: Db, accountId: string, kind: InstrumentKind | undefined) {
  let qb = db.selectFrom('payment_instruments').select(instrumentColumns).where('account_id', '=', accountId);
  if (kind) qb = qb.where('kind', '=', kind);
  return qb.orderBy('created_at', 'desc').orderBy('id').limit(200).execute();
}

export function getInstrument(db: Db, id: string) {
  return db.selectFrom('payment_instruments').select(instrumentColumns).where('id', '=', id).executeTakeFirst();
}

export function findInstrumentByReference(db: Db, gateway: GatewayName, reference: string) {
  return db.selectFrom('payment_instruments').select(instrumentColumns).where('gateway', '=', gateway).where('reference', '=', reference).executeTakeFirst();
}

/** An instrument still usable: same account, gateway, kind, bank and amount, active and not expired. */
export function findReusableInstrument(db: Db, q: { accountId: string; gateway: GatewayName; kind: InstrumentKind; bank: string | null; amount: bigint | null; now: Date }) {
  return db
    .selectFrom('payment_instruments')
    .select(instrumentColumns)
    .where('account_id', '=', q.accountId)
    .where('gateway', '=', q.gateway)
    .where('kind', '=', q.kind)
    .where('status', '=', 'active')
    .where((eb) => (q.bank === null ? eb('bank', 'is', null) : eb('bank', '=', q.bank)))
    .where((eb) => (q.amount === null ? eb('amount_idr', 'is', null) : eb('amount_idr', '=', q.amount)))
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', q.now)]))
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
}

export function insertInstrument(db: Db, row: Insertable<PaymentInstrumentsTable>) {
  return db.insertInto('payment_instruments').values(row).returning(instrumentColumns).executeTakeFirstOrThrow();
}

/** Moves an active instrument to paid/expired/cancelled (a used-up link or closed VA); never touches a non-active one. */
export function closeInstrument(db: Db, id: string, status: 'paid' | 'expired' | 'cancelled') {
  return db.updateTable('payment_instruments').set({ status }).where('id', '=', id).where('status', '=', 'active').execute();
}

/**
 * Locks the account a notification is for, before anything else is written. Inserting an order row takes a
 * key-share lock on the account (foreign key) and booking then wants the row lock: two notifications for one
 * account would deadlock if either took the weaker lock first. Account first, always (as the booking flow does).
 */
export async function lockAccount(db: Db, accountId: string): Promise<void> {
  await db.selectFrom('accounts').select('id').where('id', '=', accountId).forUpdate().execute();
}

/** Creates the order row if it is new; returns true when this call created it. */
export async function insertOrderIfNew(db: Db, row: { gateway: GatewayName; orderRef: string; instrumentId: string; accountId: string; status: OrderStatus; amount: bigint; paidAt: Date | null; now: Date }) {
  const inserted = await db
    .insertInto('gateway_orders')
    .values({ gateway: row.gateway, order_ref: row.orderRef, instrument_id: row.instrumentId, account_id: row.accountId, status: row.status, amount_idr: row.amount, paid_at: row.paidAt, created_at: row.now, updated_at: row.now })
    .onConflict((oc) => oc.columns(['gateway', 'order_ref']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted?.id ?? null;
}

/** The order's current state without locking (a settled order's state can only move to refunded). */
export function peekOrder(db: Db, gateway: GatewayName, orderRef: string) {
  return db.selectFrom('gateway_orders').select(['id', 'status', 'payment_id']).where('gateway', '=', gateway).where('order_ref', '=', orderRef).executeTakeFirst();
}

/** The order row, locked until the transaction ends: concurrent notifications for one order queue here. */
export function lockOrder(db: Db, gateway: GatewayName, orderRef: string) {
  return db
    .selectFrom('gateway_orders')
    .select(['id', 'status', 'account_id', 'instrument_id', 'payment_id', 'amount_idr'])
    .where('gateway', '=', gateway)
    .where('order_ref', '=', orderRef)
    .forUpdate()
    .executeTakeFirstOrThrow();
}

/** Updates an order; `counted` adds one to its notification count (false when the same notification already did). */
export function updateOrder(db: Db, id: string, set: { counted: boolean; status?: OrderStatus; amount?: bigint; paidAt?: Date | null; paymentId?: string; now: Date }) {
  return db
    .updateTable('gateway_orders')
    .set((eb) => ({
      ...(set.counted ? { notifications: eb('notifications', '+', 1) } : {}),
      updated_at: set.now,
      ...(set.status ? { status: set.status } : {}),
      ...(set.amount !== undefined ? { amount_idr: set.amount } : {}),
      ...(set.paidAt !== undefined ? { paid_at: set.paidAt } : {}),
      ...(set.paymentId ? { payment_id: set.paymentId } : {}),
    }))
    .where('id', '=', id)
    .execute();
}

export function insertReceipt(
  db: Db,
  r: { gateway: string; receivedAt: Date; verdict: WebhookVerdict; orderRef: string | null; reportedStatus: string | null; detail: string | null; payload: unknown; remoteIp: string | null },
) {
  return db
    .insertInto('webhook_receipts')
    .values({
      gateway: r.gateway.slice(0, 40),
      received_at: r.receivedAt,
      verdict: r.verdict,
      order_ref: r.orderRef?.slice(0, 200) ?? null,
      reported_status: r.reportedStatus?.slice(0, 40) ?? null,
      detail: r.detail?.slice(0, 500) ?? null,
      payload: JSON.stringify(r.payload ?? {}),
      remote_ip: r.remoteIp,
    })
    .execute();
}

export function listReceipts(db: Db, q: { gateway?: string | undefined; orderRef?: string | undefined; verdict?: WebhookVerdict | undefined; beforeId?: bigint | undefined; limit: number }) {
  let qb = db.selectFrom('webhook_receipts').select(['id', 'gateway', 'received_at', 'verdict', 'order_ref', 'reported_status', 'detail']);
  if (q.gateway) qb = qb.where('gateway', '=', q.gateway);
  if (q.orderRef) qb = qb.where('order_ref', '=', q.orderRef);
  if (q.verdict) qb = qb.where('verdict', '=', q.verdict);
  if (q.beforeId !== undefined) qb = qb.where('id', '<', q.beforeId);
  return qb.orderBy('id', 'desc').limit(q.limit + 1).execute();
}
