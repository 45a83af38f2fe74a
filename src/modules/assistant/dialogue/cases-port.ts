import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AppConfig } from '../../../config.ts';
import type { Database } from '../../../db/schema.ts';
import { casePolicyOf, createPromise, openDispute } from '../../cases/index.ts';

/**
 * What the assistant needs from the promise-to-pay and dispute services: a narrow port, so the dialogue does not
 * depend on how cases are stored. The app uses `casesModulePort` (the cases module's `createPromise` /
 * `openDispute`: policy limits, one pending promise per account, DSP/CMP references, SLA clock, audit);
 * `directCasesPort` writes the shared tables directly and is kept for tests of the dialogue alone.
 * Both run inside the caller's transaction, so the record and the conversation turn commit together.
 */
export interface CasesPort {
  createPromise(trx: Kysely<Database>, input: NewPromise): Promise<{ readonly id: string }>;
  openDispute(trx: Kysely<Database>, input: NewDispute): Promise<{ readonly id: string; readonly reference: string; readonly slaDueAt: Date }>;
}

export interface NewPromise {
  readonly accountId: string;
  readonly debtorId: string;
  readonly amountIdr: bigint;
  readonly promisedDate: string;
  readonly interactionId: string | null;
  readonly now: Date;
}

export interface NewDispute {
  readonly kind: 'dispute' | 'complaint';
  readonly debtorId: string;
  readonly accountId: string | null;
  readonly description: string;
  readonly openedVia: 'assistant_web' | 'assistant_whatsapp';
  readonly now: Date;
}

/** Calendar days to answer a dispute or complaint (OJK expects complaints answered within 10 working days; 10 calendar days is stricter). */
export const DISPUTE_SLA_DAYS = 10;

/** Human-friendly unique reference: prefix + 8 hex digits from a CSPRNG (collisions are retried by the unique index). */
export function newReference(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex').toUpperCase()}`;
}

/** Writes promises_to_pay and disputes rows directly; the interim adapter until the cases module's services exist. */
export const directCasesPort: CasesPort = {
  async createPromise(trx, p) {
    const row = await trx
      .insertInto('promises_to_pay')
      .values({ account_id: p.accountId, debtor_id: p.debtorId, amount_idr: p.amountIdr, promised_date: p.promisedDate, source: 'assistant', interaction_id: p.interactionId, created_at: p.now })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { id: row.id };
  },
  async openDispute(trx, d) {
    const slaDueAt = new Date(d.now.getTime() + DISPUTE_SLA_DAYS * 86_400_000);
    const reference = newReference(d.kind === 'dispute' ? 'DSP' : 'KLH');
    const row = await trx
      .insertInto('disputes')
      .values({ reference, kind: d.kind, debtor_id: d.debtorId, account_id: d.accountId, category: 'assistant', description: d.description, opened_via: d.openedVia, opened_at: d.now, sla_due_at: slaDueAt })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { id: row.id, reference, slaDueAt };
  },
};

const ASSISTANT_ACTOR = { id: null, label: 'assistant' } as const;

/** The cases module's services behind the port, with the app's configured case policy. */
export function casesModulePort(config: AppConfig): CasesPort {
  const policy = casePolicyOf(config);
  return {
    async createPromise(trx, p) {
      const view = await createPromise(trx, { accountId: p.accountId, amountIdr: p.amountIdr, promisedDate: p.promisedDate, source: 'assistant', interactionId: p.interactionId }, { now: p.now, actor: ASSISTANT_ACTOR, policy });
      return { id: view.id };
    },
    async openDispute(trx, d) {
      const view = await openDispute(trx, { kind: d.kind, debtorId: d.debtorId, accountId: d.accountId, category: 'assistant', description: d.description, openedVia: d.openedVia }, { now: d.now, actor: ASSISTANT_ACTOR, policy });
      return { id: view.id, reference: view.reference, slaDueAt: new Date(view.sla_due_at) };
    },
  };
}
