-- Collection engine: the tables the contact policy, strategies, daily batch, outbox/dispatch and work queues share.
-- Each capability adds its own further tables in its own migration (01x0_…).

-- Contact policy as versioned data; exactly one active version.
create table contact_policies (
  id uuid primary key default gen_random_uuid(),
  version integer not null unique,
  name text not null,
  definition jsonb not null,
  status text not null default 'draft' check (status in ('draft', 'active', 'retired')),
  created_by uuid references users(id),
  created_at timestamptz not null default now(),
  activated_at timestamptz
);
create unique index contact_policies_one_active on contact_policies ((status)) where status = 'active';

-- Admin corrections to the national holiday calendar: cuti bersama, added or removed holidays.
create table holiday_overrides (
  date date primary key,
  kind text not null check (kind in ('collective_leave', 'holiday', 'working_day')),
  name text not null,
  created_by uuid references users(id),
  created_at timestamptz not null default now()
);

-- Every contact-policy decision, allowed or blocked, with its reasons.
create table contact_decisions (
  id bigint generated always as identity primary key,
  decided_at timestamptz not null,
  debtor_id uuid not null references debtors(id),
  account_id uuid references accounts(id),
  contact_id uuid references debtor_contacts(id),
  channel text not null check (channel in ('sms', 'whatsapp', 'email', 'voice', 'field')),
  purpose text not null,
  allowed boolean not null,
  reasons text[] not null default '{}',
  next_allowed_at timestamptz,
  policy_version integer not null,
  stage text not null check (stage in ('plan', 'dispatch', 'manual', 'simulation')),
  outbox_id uuid
);
create index contact_decisions_debtor_idx on contact_decisions (debtor_id, decided_at);

-- Message templates per channel and language, versioned; the compliance lint runs before a version is saved.
create table message_templates (
  id uuid primary key default gen_random_uuid(),
  code text not null,
  channel text not null check (channel in ('sms', 'whatsapp', 'email', 'voice', 'field')),
  language text not null check (language in ('id', 'en')),
  version integer not null,
  subject text,
  body text not null,
  status text not null default 'active' check (status in ('active', 'retired')),
  created_by uuid references users(id),
  created_at timestamptz not null default now(),
  unique (code, channel, language, version)
);

-- Collection strategies (segments → treatment ladders, champion–challenger) as versioned data.
create table strategies (
  id uuid primary key default gen_random_uuid(),
  version integer not null unique,
  name text not null,
  definition jsonb not null,
  status text not null default 'draft' check (status in ('draft', 'active', 'retired')),
  created_by uuid references users(id),
  created_at timestamptz not null default now(),
  activated_at timestamptz
);
create unique index strategies_one_active on strategies ((status)) where status = 'active';

-- The transactional outbox: every planned contact is a row, written in the transaction that planned it.
-- Dispatchers claim due rows with FOR UPDATE SKIP LOCKED; the idempotency key makes planning re-runs harmless.
create table outbox_messages (
  id uuid primary key default gen_random_uuid(),
  idempotency_key text not null unique,
  debtor_id uuid not null references debtors(id),
  account_id uuid references accounts(id),
  contact_id uuid references debtor_contacts(id),
  channel text not null check (channel in ('sms', 'whatsapp', 'email', 'voice', 'field')),
  purpose text not null,
  template_code text,
  language text not null default 'id',
  subject text,
  body text not null,
  status text not null default 'pending'
    check (status in ('pending', 'sending', 'sent', 'delivered', 'read', 'failed', 'blocked', 'dead', 'cancelled')),
  not_before timestamptz not null,
  attempts integer not null default 0,
  max_attempts integer not null default 5,
  last_error text,
  block_reasons text[] not null default '{}',
  provider text,
  provider_message_id text,
  claimed_by text,
  claimed_until timestamptz,
  strategy_version integer,
  treatment_code text,
  business_date date,
  created_at timestamptz not null default now(),
  sent_at timestamptz,
  delivered_at timestamptz
);
create index outbox_messages_due_idx on outbox_messages (not_before) where status = 'pending';
create index outbox_messages_debtor_idx on outbox_messages (debtor_id, created_at);
create unique index outbox_messages_provider_idx on outbox_messages (provider, provider_message_id) where provider_message_id is not null;

create table outbox_events (
  id bigint generated always as identity primary key,
  outbox_id uuid not null references outbox_messages(id),
  event text not null,
  detail jsonb not null default '{}'::jsonb,
  occurred_at timestamptz not null default now()
);
create index outbox_events_message_idx on outbox_events (outbox_id);

-- Work for people: call tasks, callbacks, field visits, legal reviews, bot handoffs.
create table work_items (
  id uuid primary key default gen_random_uuid(),
  idempotency_key text unique,
  kind text not null check (kind in ('call', 'callback', 'field_visit', 'legal_review', 'handoff', 'review')),
  account_id uuid references accounts(id),
  debtor_id uuid not null references debtors(id),
  case_id uuid references cases(id),
  queue text not null,
  priority integer not null default 0,
  status text not null default 'open' check (status in ('open', 'in_progress', 'done', 'cancelled')),
  due_at timestamptz not null,
  assigned_user_id uuid references users(id),
  team_id uuid references teams(id),
  outcome text,
  notes text,
  created_at timestamptz not null default now(),
  started_at timestamptz,
  completed_at timestamptz
);
create index work_items_open_idx on work_items (queue, priority desc, due_at) where status in ('open', 'in_progress');
create index work_items_user_idx on work_items (assigned_user_id) where status in ('open', 'in_progress');

-- Promises to pay: kept / partially kept / broken is decided by payments and the passing of the date.
create table promises_to_pay (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references accounts(id),
  debtor_id uuid not null references debtors(id),
  amount_idr bigint not null check (amount_idr > 0),
  promised_date date not null,
  status text not null default 'pending' check (status in ('pending', 'kept', 'partially_kept', 'broken', 'cancelled')),
  paid_idr bigint not null default 0,
  source text not null check (source in ('agent', 'assistant', 'portal', 'import')),
  created_by uuid references users(id),
  interaction_id uuid references interactions(id),
  created_at timestamptz not null default now(),
  evaluated_at timestamptz
);
create index promises_to_pay_pending_idx on promises_to_pay (promised_date) where status = 'pending';
create index promises_to_pay_account_idx on promises_to_pay (account_id);

-- Disputes and complaints hold collection until resolved, with an SLA clock.
create table disputes (
  id uuid primary key default gen_random_uuid(),
  reference text not null unique,
  kind text not null check (kind in ('dispute', 'complaint')),
  debtor_id uuid not null references debtors(id),
  account_id uuid references accounts(id),
  status text not null default 'open' check (status in ('open', 'resolved', 'rejected')),
  category text,
  description text not null,
  opened_via text not null,
  opened_by uuid references users(id),
  opened_at timestamptz not null default now(),
  sla_due_at timestamptz not null,
  resolved_at timestamptz,
  resolution text
);
create index disputes_open_idx on disputes (debtor_id) where status = 'open';

-- Resumable batch runs: one row per job and business date, with a checkpoint (keyset position).
create table batch_runs (
  id uuid primary key default gen_random_uuid(),
  job text not null,
  business_date date not null,
  status text not null check (status in ('running', 'succeeded', 'failed')),
  checkpoint jsonb not null default '{}'::jsonb,
  summary jsonb not null default '{}'::jsonb,
  started_at timestamptz not null default now(),
  heartbeat_at timestamptz not null default now(),
  finished_at timestamptz,
  unique (job, business_date)
);
