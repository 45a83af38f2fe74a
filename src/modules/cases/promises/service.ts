import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import { DEFAULT_CASE_POLICY } from '../../../domain/case-policy.ts';
import { localDateOf } from '../../../domain/dates.ts';
import { checkPromise } from '../../../domain/promise-rules.ts';
import { AppError } from '../../../lib/app-error.ts';
import { audit } from '../../audit/index.ts';
import type { CaseContext } from '../shared/context.ts';
import * as repo from './repo.ts';
import type { PromiseRow } from './repo.ts';

export type PromiseSource = PromiseRow['source'];

export interface NewPromise {
  readonly accountId: string;
  readonly amountIdr: bigint;
  /** `YYYY-MM-DD` in the debtor's local calendar. */
  readonly promisedDate: string;
  readonly source: PromiseSource;
  readonly interactionId?: string | null;
}

/** A promise as the API shows it: money as decimal strings, instants as ISO. */
export interface PromiseView {
  readonly id: string;
  readonly account_id: string;
  readonly debtor_id: string;
  readonly amount_idr: string;
  readonly promised_date: string;
  readonly status: PromiseRow['status'];
  readonly paid_idr: string;
  readonly source: PromiseSource;
  readonly created_by: string | null;
  readonly interaction_id: string | null;
  readonly created_at: string;
  readonly evaluated_at: string | null;
  readonly cancelled_at: string | null;
  readonly cancel_reason: string | null;
}

export function toPromiseView(p: PromiseRow): PromiseView {
  return {
    id: p.id,
    account_id: p.account_id,
    debtor_id: p.debtor_id,
    amount_idr: p.amount_idr.toString(),
    promised_date: p.promised_date,
    status: p.status,
    paid_idr: p.paid_idr.toString(),
    source: p.source,
    created_by: p.created_by,
    interaction_id: p.interaction_id,
    created_at: p.created_at.toISOString(),
    evaluated_at: p.evaluated_at?.toISOString() ?? null,
    cancelled_at: p.cancelled_at?.toISOString() ?? null,
    cancel_reason: p.cancel_reason,
  };
}

/**
 * Records a promise to pay inside the caller's transaction. The account row is locked, the promise is
 * checked against the policy limits in the debtor's local calendar (not before today, at most N days
 * ahead, 0 < amount ≤ outstanding), and an account may hold one pending promise at a time.
 * Throws TAGIH_VALIDATION (details name the field and rule), TAGIH_NOT_FOUND or TAGIH_CONFLICT.
 *
 * @example await db.transaction().execute((trx) => createPromise(trx, { accountId, amountIdr: 500_000n, promisedDate: '2026-12-05', source: 'assistant' }, { now, actor: SYSTEM_ACTOR }))
 */
export async function createPromise(trx: Kysely<Database>, input: NewPromise, ctx: CaseContext): Promise<PromiseView> {
  const account = await repo.lockAccount(trx, input.accountId);
  if (!account) throw new AppError('TAGIH_NOT_FOUND', `account ${input.accountId} not found`);
  if (account.status !== 'active') throw new AppError('TAGIH_CONFLICT', `account ${input.accountId} is ${account.status}; promises are taken on active accounts only`);
  const today = localDateOf(ctx.now, account.timezone);
  const issues = checkPromise({ amountIdr: input.amountIdr, promisedDate: input.promisedDate, outstandingIdr: account.outstanding_idr, today }, ctx.policy ?? DEFAULT_CASE_POLICY);
  if (issues.length > 0) {
    throw new AppError('TAGIH_VALIDATION', `promise refused: ${issues.map((i) => i.message).join('; ')}`, issues.map((i) => ({ path: `/${i.field}`, rule: i.rule, message: i.message })));
  }
  const pending = await repo.findPendingForAccount(trx, input.accountId);
  if (pending) {
    throw new AppError('TAGIH_CONFLICT', `account already has a pending promise ${pending.id} for ${pending.promised_date}; cancel it first`, [{ path: '/account_id', message: 'pending promise exists', promise_id: pending.id }]);
  }
  const row = await repo.insertPromise(trx, {
    accountId: account.id,
    debtorId: account.debtor_id,
    amountIdr: input.amountIdr,
    promisedDate: input.promisedDate,
    source: input.source,
    createdBy: ctx.actor.id,
    interactionId: input.interactionId ?? null,
    createdAt: ctx.now,
  });
  await audit(trx, {
    actor: ctx.actor,
    action: 'promise.create',
    entityType: 'account',
    entityId: account.id,
    details: { promise_id: row.id, amount_idr: row.amount_idr.toString(), promised_date: row.promised_date, source: row.source },
    at: ctx.now,
  });
  return toPromiseView(row);
}

/** Cancels a pending promise (the debtor withdrew it, or it was taken in error), with the reason in the audit log. */
export async function cancelPromise(trx: Kysely<Database>, promiseId: string, reason: string, ctx: CaseContext): Promise<PromiseView> {
  const p = await repo.findPromiseForUpdate(trx, promiseId);
  if (!p) throw new AppError('TAGIH_NOT_FOUND', `promise ${promiseId} not found`);
  if (p.status !== 'pending') throw new AppError('TAGIH_CONFLICT', `promise ${promiseId} is ${p.status}; only a pending promise can be cancelled`);
  const row = await repo.markCancelled(trx, promiseId, ctx.actor.id, ctx.now, reason);
  await audit(trx, { actor: ctx.actor, action: 'promise.cancel', entityType: 'account', entityId: p.account_id, reason, details: { promise_id: p.id }, at: ctx.now });
  return toPromiseView(row);
}

export async function listPromises(db: Kysely<Database>, accountId: string): Promise<PromiseView[]> {
  return (await repo.listForAccount(db, accountId)).map(toPromiseView);
}
