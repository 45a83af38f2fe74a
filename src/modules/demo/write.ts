import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { PiiCipher } from '../../lib/pii-cipher.ts';
import { ColumnBatch } from './bulk-insert.ts';
import { DEMO_CREDITORS, ZONE_LABELS, type DemoDebtor } from './generate.ts';

/** Accounts per round trip: big enough to amortise statements, small enough to keep memory flat at 100k. */
export const WRITE_BATCH_ACCOUNTS = 500;

export interface Assignee {
  readonly userId: string;
  readonly teamId: string | null;
}

/** Who gets delinquent accounts: desk queues go to agents, the field queue to field agents. */
export interface AssigneePools {
  readonly desk: readonly Assignee[];
  readonly field: readonly Assignee[];
}

export interface WriteCounts {
  creditors: number;
  debtors: number;
  accounts: number;
  payments: number;
  interactions: number;
  cases: number;
  assignments: number;
  byBucket: Record<string, number>;
  byZone: Record<'WIB' | 'WITA' | 'WIT', number>;
}

/** Active agents and field agents, in a stable order so round-robin is reproducible. */
export async function loadAssignees(trx: Kysely<Database>): Promise<AssigneePools> {
  const users = await trx
    .selectFrom('users')
    .select(['id', 'role', 'team_id'])
    .where('role', 'in', ['agent', 'field_agent'])
    .where('disabled_at', 'is', null)
    .orderBy('username')
    .execute();
  const to = (u: (typeof users)[number]): Assignee => ({ userId: u.id, teamId: u.team_id });
  return { desk: users.filter((u) => u.role === 'agent').map(to), field: users.filter((u) => u.role === 'field_agent').map(to) };
}

/** Inserts the demo creditors (keeping any that already exist by code) and returns their ids by code. */
export async function ensureCreditors(trx: Kysely<Database>): Promise<Map<string, string>> {
  await trx
    .insertInto('creditors')
    .values(DEMO_CREDITORS.map((c) => ({ code: c.code, name: c.name })))
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
  const rows = await trx.selectFrom('creditors').select(['id', 'code']).where('code', 'in', DEMO_CREDITORS.map((c) => c.code)).execute();
  return new Map(rows.map((r) => [r.code, r.id]));
}

/**
 * Writes generated debtors with everything hanging off them, in batches of about
 * `WRITE_BATCH_ACCOUNTS` accounts, inside the caller's transaction. PII (NIK, birth date, phone,
 * e-mail, address) is encrypted with the app cipher and blind-indexed exactly as the import does,
 * so demo rows are indistinguishable from imported ones.
 */
export async function writeDemoDebtors(
  trx: Kysely<Database>,
  cipher: PiiCipher,
  debtors: Iterable<DemoDebtor>,
  opts: { creditorIds: ReadonlyMap<string, string>; assignees: AssigneePools; now: Date },
): Promise<WriteCounts> {
  const b = {
    debtors: new ColumnBatch('debtors', [
      ['id', 'uuid'], ['creditor_id', 'uuid'], ['debtor_ref', 'text'], ['full_name', 'text'], ['nik_enc', 'text'], ['nik_hash', 'text'],
      ['birth_date_enc', 'text'], ['language', 'text'], ['province_code', 'text'], ['timezone', 'text'],
    ]),
    contacts: new ColumnBatch('debtor_contacts', [
      ['id', 'uuid'], ['debtor_id', 'uuid'], ['type', 'text'], ['value_enc', 'text'], ['value_hash', 'text'], ['is_primary', 'boolean'],
      ['is_verified', 'boolean'], ['is_emergency', 'boolean'], ['emergency_name', 'text'], ['emergency_relation', 'text'],
      ['emergency_consent_at', 'timestamptz'], ['source', 'text'],
    ]),
    preferences: new ColumnBatch('contact_channel_preferences', [
      ['contact_id', 'uuid'], ['channel', 'text'], ['consent', 'text'], ['recorded_at', 'timestamptz'], ['source', 'text'],
    ]),
    addresses: new ColumnBatch('debtor_addresses', [
      ['id', 'uuid'], ['debtor_id', 'uuid'], ['kind', 'text'], ['address_enc', 'text'], ['address_hash', 'text'], ['city', 'text'],
      ['postal_code', 'text'], ['province_code', 'text'], ['timezone', 'text'],
    ]),
    accounts: new ColumnBatch('accounts', [
      ['id', 'uuid'], ['creditor_id', 'uuid'], ['debtor_id', 'uuid'], ['account_no', 'text'], ['product', 'text'], ['principal_idr', 'bigint'],
      ['outstanding_idr', 'bigint'], ['installment_idr', 'bigint'], ['tenor_months', 'int'], ['oldest_unpaid_due_date', 'date'], ['dpd', 'int'],
      ['bucket', 'text'], ['kol', 'smallint'], ['delinquency_as_of', 'date'], ['status', 'text'], ['va_number', 'text'],
    ]),
    schedule: new ColumnBatch('account_schedule', [
      ['account_id', 'uuid'], ['seq', 'int'], ['due_date', 'date'], ['principal_due', 'bigint'], ['interest_due', 'bigint'], ['fee_due', 'bigint'],
      ['penalty_due', 'bigint'], ['principal_paid', 'bigint'], ['interest_paid', 'bigint'], ['fee_paid', 'bigint'], ['penalty_paid', 'bigint'],
    ]),
    history: new ColumnBatch('delinquency_history', [['account_id', 'uuid'], ['bucket', 'text'], ['kol', 'smallint'], ['added_on', 'date']]),
    payments: new ColumnBatch('payments', [
      ['id', 'uuid'], ['account_id', 'uuid'], ['amount_idr', 'bigint'], ['paid_at', 'timestamptz'], ['channel', 'text'], ['external_ref', 'text'],
      ['idempotency_key', 'text'],
    ]),
    allocations: new ColumnBatch('payment_allocations', [
      ['payment_id', 'uuid'], ['account_id', 'uuid'], ['schedule_seq', 'int'], ['component', 'text'], ['amount_idr', 'bigint'],
    ]),
    interactions: new ColumnBatch('interactions', [
      ['id', 'uuid'], ['debtor_id', 'uuid'], ['account_id', 'uuid'], ['channel', 'text'], ['direction', 'text'], ['outcome', 'text'],
      ['agent_id', 'uuid'], ['notes', 'text'], ['occurred_at', 'timestamptz'],
    ]),
    cases: new ColumnBatch('cases', [['id', 'uuid'], ['account_id', 'uuid'], ['debtor_id', 'uuid'], ['queue', 'text'], ['priority', 'int'], ['opened_at', 'timestamptz']]),
    assignments: new ColumnBatch('assignments', [['account_id', 'uuid'], ['user_id', 'uuid'], ['team_id', 'uuid'], ['assigned_at', 'timestamptz'], ['reason', 'text']]),
  };
  // Parents before children, so every foreign key is satisfied at each flush.
  const order = [b.debtors, b.contacts, b.preferences, b.addresses, b.accounts, b.schedule, b.history, b.payments, b.allocations, b.interactions, b.cases, b.assignments];
  const flushAll = async (): Promise<void> => {
    for (const batch of order) await batch.flush(trx);
  };

  const counts: WriteCounts = {
    creditors: opts.creditorIds.size,
    debtors: 0,
    accounts: 0,
    payments: 0,
    interactions: 0,
    cases: 0,
    assignments: 0,
    byBucket: {},
    byZone: { WIB: 0, WITA: 0, WIT: 0 },
  };
  const rr = { desk: 0, field: 0 };
  let pending = 0;

  for (const d of debtors) {
    const creditorId = opts.creditorIds.get(d.creditorCode);
    if (!creditorId) throw new Error(`creditor ${d.creditorCode} was not created`);
    const debtorId = randomUUID();
    b.debtors.push([
      debtorId, creditorId, d.debtorRef, d.fullName, cipher.encrypt(d.nik), cipher.blindIndex(d.nik), cipher.encrypt(d.birthDate),
      d.language, d.provinceCode, d.timezone,
    ]);
    counts.debtors++;
    for (const c of d.contacts) {
      const contactId = randomUUID();
      b.contacts.push([
        contactId, debtorId, c.type, cipher.encrypt(c.value), cipher.blindIndex(c.value), c.isPrimary, c.isVerified, c.emergency !== null,
        c.emergency?.name ?? null, c.emergency?.relation ?? null, c.emergency?.consentAt ?? null, 'demo',
      ]);
      for (const p of c.preferences) b.preferences.push([contactId, p.channel, p.consent, opts.now, 'demo']);
    }
    for (const a of d.addresses) {
      b.addresses.push([
        randomUUID(), debtorId, a.kind, cipher.encrypt(a.line), cipher.blindIndex(a.line.toLowerCase()), a.city, a.postalCode, a.provinceCode, a.timezone,
      ]);
    }
    for (const a of d.accounts) {
      const accountId = randomUUID();
      b.accounts.push([
        accountId, creditorId, debtorId, a.accountNo, a.product, a.principal, a.outstanding, a.installment, a.tenor, a.oldestUnpaidDueDate, a.dpd,
        a.bucket, a.kol, a.asOf, a.status, a.vaNumber,
      ]);
      counts.accounts++;
      counts.byBucket[a.bucket] = (counts.byBucket[a.bucket] ?? 0) + 1;
      counts.byZone[ZONE_LABELS[d.timezone]]++;
      for (const s of a.schedule) {
        b.schedule.push([
          accountId, s.seq, s.dueDate, s.principalDue, s.interestDue, s.feeDue, s.penaltyDue, s.principalPaid, s.interestPaid, s.feePaid, s.penaltyPaid,
        ]);
      }
      b.history.push([accountId, a.bucket, a.kol, a.bucketSince]);
      a.payments.forEach((p, n) => {
        const paymentId = randomUUID();
        b.payments.push([paymentId, accountId, p.amount, p.paidAt, p.channel, p.externalRef, `demo:${a.accountNo}:${n + 1}`]);
        for (const al of p.allocations) b.allocations.push([paymentId, accountId, al.seq, al.component, al.amount]);
      });
      counts.payments += a.payments.length;

      let assignee: { userId: string; teamId: string | null } | null = null;
      if (a.case) {
        b.cases.push([randomUUID(), accountId, debtorId, a.case.queue, a.case.priority, a.case.openedAt]);
        counts.cases++;
        const pool = a.case.queue === 'desk_l1' || a.case.queue === 'desk_l2' ? 'desk' : a.case.queue === 'field' ? 'field' : null;
        const users = pool ? opts.assignees[pool] : [];
        if (pool && users.length > 0) {
          assignee = users[rr[pool]++ % users.length]!;
          b.assignments.push([accountId, assignee.userId, assignee.teamId, opts.now, 'demo seed: round-robin by queue']);
          counts.assignments++;
        }
      }
      for (const i of a.interactions) {
        b.interactions.push([randomUUID(), debtorId, accountId, i.channel, i.direction, i.outcome, i.byAgent ? (assignee?.userId ?? null) : null, i.notes, i.occurredAt]);
      }
      counts.interactions += a.interactions.length;
      pending++;
    }
    if (pending >= WRITE_BATCH_ACCOUNTS) {
      await flushAll();
      pending = 0;
    }
  }
  await flushAll();
  return counts;
}

/** Accounts already in the database; the demo only seeds an empty portfolio. */
export async function countAccounts(trx: Kysely<Database>): Promise<number> {
  const r = await sql<{ n: number }>`select count(*)::int as n from accounts`.execute(trx);
  return r.rows[0]!.n;
}
