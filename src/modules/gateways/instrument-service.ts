import { randomBytes } from 'node:crypto';
import type { AppDeps } from '../../app-deps.ts';
import type { GatewayName, InstrumentKind } from '../../db/schema-gateways.ts';
import { rupiah, type Rupiah } from '../../domain/money.ts';
import { AppError } from '../../lib/app-error.ts';
import type { Principal } from '../../lib/route-access.ts';
import { audit, SYSTEM_ACTOR } from '../audit/index.ts';
import { actorOf } from '../auth/index.ts';
import type { PaymentGateway } from './gateway.ts';
import type { GatewayRegistry } from './registry.ts';
import * as repo from './repo.ts';
import type { InstrumentOut, NewPaymentLink, NewVirtualAccount } from './schema.ts';

type InstrumentRow = NonNullable<Awaited<ReturnType<typeof repo.getInstrument>>>;

export function toInstrumentOut(r: InstrumentRow): InstrumentOut {
  return {
    id: r.id,
    account_id: r.account_id,
    gateway: r.gateway,
    kind: r.kind,
    reference: r.reference,
    external_id: r.external_id,
    bank: r.bank,
    va_number: r.va_number,
    payment_url: r.payment_url,
    amount_idr: r.amount_idr === null ? null : r.amount_idr.toString(),
    status: r.status,
    expires_at: r.expires_at?.toISOString() ?? null,
    created_at: r.created_at.toISOString(),
  };
}

function gatewayOf(registry: GatewayRegistry, name: GatewayName): PaymentGateway {
  const g = registry.get(name);
  if (!g) throw new AppError('TAGIH_UNAVAILABLE', `gateway ${name} is not configured`);
  return g;
}

async function visibleAccount(deps: AppDeps, principal: Principal | null, accountId: string) {
  const account = await repo.findVisibleAccount(deps.db.kysely, principal, accountId);
  if (!account) throw new AppError('TAGIH_NOT_FOUND', `account ${accountId} not found`);
  return account;
}

/**
 * Our reference for a new instrument. Sandbox VAs are one per account and bank (deterministic), so
 * asking twice returns the same VA; gateway references carry a random suffix since a gateway
 * refuses a reused order id.
 */
function referenceFor(gateway: GatewayName, kind: InstrumentKind, accountNo: string, bank: string | null, permanent: boolean): string {
  if (gateway === 'sandbox' && kind === 'va' && permanent) return `SBX-VA-${bank}-${accountNo}`;
  return `TGH-${kind === 'va' ? 'VA' : 'PL'}-${accountNo}-${randomBytes(5).toString('hex')}`.slice(0, 50);
}

async function issue(
  deps: AppDeps,
  registry: GatewayRegistry,
  principal: Principal | null,
  accountId: string,
  req: { kind: InstrumentKind; gateway: GatewayName; bank: string | null; amount: Rupiah | null; expiresAt: Date | null },
): Promise<{ instrument: InstrumentOut; created: boolean }> {
  const account = await visibleAccount(deps, principal, accountId);
  const gateway = gatewayOf(registry, req.gateway);
  if (req.bank !== null && !gateway.banks.includes(req.bank)) {
    throw new AppError('TAGIH_VALIDATION', `bank ${req.bank} is not available at ${req.gateway} (choose ${gateway.banks.join(', ')})`);
  }
  const now = deps.now();
  if (req.expiresAt && req.expiresAt <= now) throw new AppError('TAGIH_VALIDATION', 'expires_at must be in the future');
  const reusable = await repo.findReusableInstrument(deps.db.kysely, { accountId, gateway: req.gateway, kind: req.kind, bank: req.bank, amount: req.amount, now });
  if (reusable) return { instrument: toInstrumentOut(reusable), created: false };

  // Only an open, non-expiring sandbox VA is "the" VA of the account; closed or expiring ones are one-offs.
  const reference = referenceFor(req.gateway, req.kind, account.account_no, req.bank, req.amount === null && req.expiresAt === null);
  const issueReq = {
    reference,
    accountNo: account.account_no,
    customerName: account.full_name,
    amount: req.amount,
    bank: req.bank ?? '',
    expiresAt: req.expiresAt,
    description: `Pembayaran ${account.account_no}`,
  };
  // The gateway call happens outside any transaction: a slow gateway must not hold database locks.
  const issued = req.kind === 'va' ? await gateway.createVirtualAccount(issueReq) : await gateway.createPaymentLink(issueReq);
  const row = await deps.db.kysely.transaction().execute(async (trx) => {
    const inserted = await repo.insertInstrument(trx, {
      account_id: accountId,
      gateway: req.gateway,
      kind: req.kind,
      reference,
      external_id: issued.externalId,
      bank: issued.bank,
      va_number: issued.vaNumber,
      payment_url: issued.paymentUrl,
      amount_idr: req.amount,
      expires_at: issued.expiresAt,
      created_by: principal?.userId ?? null,
      created_at: now,
    });
    await audit(trx, {
      actor: principal ? actorOf(principal) : SYSTEM_ACTOR,
      action: req.kind === 'va' ? 'payment_instrument.va_created' : 'payment_instrument.link_created',
      entityType: 'account',
      entityId: accountId,
      details: { instrument_id: inserted.id, gateway: req.gateway, reference, amount_idr: req.amount?.toString() ?? null },
      at: now,
    });
    return inserted;
  });
  return { instrument: toInstrumentOut(row), created: true };
}

export async function createVirtualAccount(deps: AppDeps, registry: GatewayRegistry, principal: Principal, accountId: string, body: NewVirtualAccount) {
  let amount = body.amount_idr !== undefined ? rupiah(BigInt(body.amount_idr)) : null;
  // Midtrans VAs are closed-amount charges: default to what the debtor owes.
  if (amount === null && body.gateway === 'midtrans') amount = rupiah((await visibleAccount(deps, principal, accountId)).outstanding_idr);
  if (amount !== null && amount <= 0n) throw new AppError('TAGIH_VALIDATION', 'amount_idr must be positive (the account owes nothing)');
  return issue(deps, registry, principal, accountId, { kind: 'va', gateway: body.gateway, bank: body.bank, amount, expiresAt: body.expires_at ? new Date(body.expires_at) : null });
}

export async function createPaymentLink(deps: AppDeps, registry: GatewayRegistry, principal: Principal, accountId: string, body: NewPaymentLink) {
  const amount = body.amount_idr !== undefined ? rupiah(BigInt(body.amount_idr)) : rupiah((await visibleAccount(deps, principal, accountId)).outstanding_idr);
  if (amount <= 0n) throw new AppError('TAGIH_VALIDATION', 'amount_idr must be positive (the account owes nothing)');
  return issue(deps, registry, principal, accountId, { kind: 'link', gateway: body.gateway, bank: null, amount, expiresAt: body.expires_at ? new Date(body.expires_at) : null });
}

export async function listInstruments(deps: AppDeps, principal: Principal, accountId: string, kind: InstrumentKind | undefined) {
  await visibleAccount(deps, principal, accountId);
  return { items: (await repo.listInstruments(deps.db.kysely, accountId, kind)).map(toInstrumentOut) };
}

export async function getInstrument(deps: AppDeps, principal: Principal, id: string) {
  const row = await repo.getInstrument(deps.db.kysely, id);
  if (!row || !(await repo.findVisibleAccount(deps.db.kysely, principal, row.account_id))) throw new AppError('TAGIH_NOT_FOUND', `payment instrument ${id} not found`);
  return toInstrumentOut(row);
}

/** The sandbox VA of an account (created on first use), for the demo and `tagih gateway simulate`; no user scope. */
export async function ensureSandboxVa(deps: AppDeps, registry: GatewayRegistry, accountId: string, bank: string): Promise<InstrumentOut> {
  return (await issue(deps, registry, null, accountId, { kind: 'va', gateway: 'sandbox', bank, amount: null, expiresAt: null })).instrument;
}
