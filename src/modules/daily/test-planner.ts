import { sql } from 'kysely';
import type { ContactPlanner, PlannedContact } from '../../lib/contact-planner.ts';

/**
 * A stand-in for the send path's planner in tests: writes a pending outbox row per contact (idempotent by key),
 * blocks email (so the ledger's blocked path is exercised), and can be told to fail on the n-th call to simulate a
 * crash in the middle of a page.
 */
export function outboxTestPlanner(opts: { failOnCall?: number } = {}): ContactPlanner & { calls: PlannedContact[] } {
  const calls: PlannedContact[] = [];
  return {
    calls,
    async plan(trx, c) {
      calls.push(c);
      if (opts.failOnCall !== undefined && calls.length === opts.failOnCall) throw new Error('simulated crash in the planner');
      if (c.channel === 'email') return { status: 'blocked', outboxId: null, reasons: ['test_no_email'] };
      const r = await sql<{ id: string }>`
        insert into outbox_messages (idempotency_key, debtor_id, account_id, channel, purpose, template_code, body, not_before, strategy_version, treatment_code, business_date)
        values (${c.idempotencyKey}, ${c.debtorId}, ${c.accountId}, ${c.channel}, ${c.purpose}, ${c.templateCode}, 'test', ${c.notBefore.toISOString()}, ${c.strategyVersion}, ${c.treatmentCode}, ${c.businessDate})
        on conflict (idempotency_key) do nothing returning id`.execute(trx);
      const id = r.rows[0]?.id;
      if (id !== undefined) return { status: 'pending', outboxId: id };
      const existing = await trx.selectFrom('outbox_messages').select('id').where('idempotency_key', '=', c.idempotencyKey).executeTakeFirstOrThrow();
      return { status: 'duplicate', outboxId: existing.id };
    },
  };
}
