-- Tagih core schema: one debtor record.
-- Runs unchanged on PGlite and PostgreSQL 15: no PG16+ features.
-- Money is bigint rupiah; instants are timestamptz (UTC); calendar dates are date.
-- PII columns end in _enc (AES-256-GCM envelope 'v1.<key id>.<iv>.<tag>.<ciphertext>', base64url parts)
-- and, where lookup is needed, _hash (HMAC-SHA256 under the blind-index key, hex).

create table creditors (
  id uuid primary key default gen_random_uuid(),
  code text not null unique,
  name text not null,
  created_at timestamptz not null default now()
);

create table teams (
  id uuid primary key default gen_random_uuid(),
  name text not null unique,
  created_at timestamptz not null default now()
);

create table users (
  id uuid primary key default gen_random_uuid(),
  username text not null unique,
  display_name text not null,
  password_hash text not null,
  role text not null check (role in ('admin', 'supervisor', 'agent', 'field_agent', 'compliance')),
  team_id uuid references teams(id),
  mfa_secret_enc text,
  mfa_enabled boolean not null default false,
  failed_logins integer not null default 0,
  locked_until timestamptz,
  disabled_at timestamptz,
  created_at timestamptz not null default now()
);

create table sessions (
  id text primary key, -- sha256 of the cookie token; the token itself is never stored
  user_id uuid not null references users(id),
  mfa_verified boolean not null default false,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  ip text,
  user_agent text
);
create index sessions_user_idx on sessions(user_id);

create table login_attempts (
  id bigint generated always as identity primary key,
  username text not null,
  ip text,
  succeeded boolean not null,
  attempted_at timestamptz not null default now()
);
create index login_attempts_recent_idx on login_attempts(username, attempted_at);

create table debtors (
  id uuid primary key default gen_random_uuid(),
  creditor_id uuid not null references creditors(id),
  debtor_ref text not null,
  full_name text not null,
  nik_enc text,
  nik_hash text,
  birth_date_enc text,
  language text not null default 'id' check (language in ('id', 'en')),
  province_code text,
  timezone text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (creditor_id, debtor_ref)
);
create index debtors_nik_hash_idx on debtors(nik_hash);
-- Keyset order of the debtor list; substring search by name scans (a trigram index would need pg_trgm).
create index debtors_name_order_idx on debtors(full_name, id);

-- A contact point. Emergency contacts belong to the debtor's record but are never the debtor:
-- they may be contacted only to locate, and only with their own recorded consent.
create table debtor_contacts (
  id uuid primary key default gen_random_uuid(),
  debtor_id uuid not null references debtors(id) on delete cascade,
  type text not null check (type in ('phone', 'email')),
  value_enc text not null,
  value_hash text not null,
  is_primary boolean not null default false,
  is_verified boolean not null default false,
  is_emergency boolean not null default false,
  emergency_name text,
  emergency_relation text,
  emergency_consent_at timestamptz,
  source text not null default 'import',
  created_at timestamptz not null default now(),
  unique (debtor_id, type, value_hash)
);
create index debtor_contacts_hash_idx on debtor_contacts(value_hash);

-- Current consent/opt-out per contact point and channel; every change is also in the audit log.
create table contact_channel_preferences (
  contact_id uuid not null references debtor_contacts(id) on delete cascade,
  channel text not null check (channel in ('sms', 'whatsapp', 'email', 'voice')),
  consent text not null check (consent in ('granted', 'opted_out')),
  consent_outside_hours boolean not null default false,
  recorded_at timestamptz not null default now(),
  source text not null,
  primary key (contact_id, channel)
);

create table debtor_addresses (
  id uuid primary key default gen_random_uuid(),
  debtor_id uuid not null references debtors(id) on delete cascade,
  kind text not null check (kind in ('billing', 'domicile', 'work', 'ktp')),
  address_enc text not null,
  address_hash text not null,
  city text,
  postal_code text,
  province_code text not null,
  timezone text not null,
  created_at timestamptz not null default now(),
  unique (debtor_id, kind, address_hash)
);

create table accounts (
  id uuid primary key default gen_random_uuid(),
  creditor_id uuid not null references creditors(id),
  debtor_id uuid not null references debtors(id),
  account_no text not null unique,
  product text not null,
  principal_idr bigint,
  outstanding_idr bigint not null check (outstanding_idr >= 0),
  installment_idr bigint,
  tenor_months integer,
  credit_balance_idr bigint not null default 0,
  oldest_unpaid_due_date date,
  dpd integer not null default 0,
  bucket text not null default 'current',
  kol smallint not null default 1 check (kol between 1 and 5),
  delinquency_as_of date,
  status text not null default 'active' check (status in ('active', 'paid_off', 'settled', 'restructured', 'written_off', 'closed')),
  va_number text unique,
  source_hash text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index accounts_debtor_idx on accounts(debtor_id);
create index accounts_creditor_idx on accounts(creditor_id);
create index accounts_bucket_idx on accounts(bucket, dpd);
create index accounts_kol_idx on accounts(kol);

create table account_schedule (
  account_id uuid not null references accounts(id) on delete cascade,
  seq integer not null,
  due_date date not null,
  principal_due bigint not null default 0,
  interest_due bigint not null default 0,
  fee_due bigint not null default 0,
  penalty_due bigint not null default 0,
  principal_paid bigint not null default 0,
  interest_paid bigint not null default 0,
  fee_paid bigint not null default 0,
  penalty_paid bigint not null default 0,
  primary key (account_id, seq)
);

-- Append-only delinquency history (Fineract LoanDelinquencyTagHistory): one open row per account.
create table delinquency_history (
  id bigint generated always as identity primary key,
  account_id uuid not null references accounts(id) on delete cascade,
  bucket text not null,
  kol smallint not null,
  added_on date not null,
  lifted_on date
);
create index delinquency_history_open_idx on delinquency_history(account_id) where lifted_on is null;

create table payments (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references accounts(id),
  amount_idr bigint not null check (amount_idr > 0),
  paid_at timestamptz not null,
  channel text not null,
  external_ref text,
  idempotency_key text not null unique,
  status text not null default 'booked' check (status in ('booked', 'reversed')),
  reversed_at timestamptz,
  reversal_reason text,
  created_at timestamptz not null default now()
);
create index payments_account_idx on payments(account_id, paid_at);

create table payment_allocations (
  id bigint generated always as identity primary key,
  payment_id uuid not null references payments(id),
  account_id uuid not null references accounts(id),
  schedule_seq integer,
  component text not null check (component in ('fee', 'penalty', 'interest', 'principal', 'credit')),
  amount_idr bigint not null check (amount_idr > 0)
);
create index payment_allocations_payment_idx on payment_allocations(payment_id);

create table interactions (
  id uuid primary key default gen_random_uuid(),
  debtor_id uuid not null references debtors(id),
  account_id uuid references accounts(id),
  channel text not null check (channel in ('sms', 'whatsapp', 'email', 'voice', 'field', 'chat', 'letter', 'system')),
  direction text not null check (direction in ('inbound', 'outbound')),
  outcome text,
  agent_id uuid references users(id),
  notes text,
  occurred_at timestamptz not null,
  created_at timestamptz not null default now()
);
create index interactions_debtor_idx on interactions(debtor_id, occurred_at desc);

create table cases (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references accounts(id),
  debtor_id uuid not null references debtors(id),
  status text not null default 'open' check (status in ('open', 'closed')),
  queue text not null default 'desk_l1',
  priority integer not null default 0,
  opened_at timestamptz not null default now(),
  closed_at timestamptz,
  close_reason text
);
create unique index cases_one_open_per_account on cases(account_id) where status = 'open';

-- Assignment history: the current assignment is the row with unassigned_at null.
create table assignments (
  id bigint generated always as identity primary key,
  account_id uuid not null references accounts(id),
  user_id uuid references users(id),
  team_id uuid references teams(id),
  assigned_at timestamptz not null default now(),
  unassigned_at timestamptz,
  assigned_by uuid references users(id),
  reason text
);
create unique index assignments_current_idx on assignments(account_id) where unassigned_at is null;
create index assignments_user_idx on assignments(user_id) where unassigned_at is null;
create index assignments_team_idx on assignments(team_id) where unassigned_at is null;

-- Tamper-evident audit trail: each row's hash covers its content and the previous row's hash.
create table audit_log (
  seq bigint generated always as identity primary key,
  occurred_at timestamptz not null default now(),
  actor_id uuid,
  actor_label text not null,
  action text not null,
  entity_type text not null,
  entity_id text,
  reason text,
  details jsonb not null default '{}'::jsonb,
  prev_hash text not null,
  hash text not null
);

create table import_jobs (
  id uuid primary key default gen_random_uuid(),
  kind text not null,
  file_name text not null,
  status text not null check (status in ('running', 'succeeded', 'rejected', 'failed')),
  allow_partial boolean not null,
  rows_read integer not null default 0,
  inserted integer not null default 0,
  updated integer not null default 0,
  rejected integer not null default 0,
  errors jsonb not null default '[]'::jsonb,
  created_by uuid references users(id),
  started_at timestamptz not null default now(),
  finished_at timestamptz
);

-- Leases let exactly one node run a singleton job (the daily batch) at a time.
create table leases (
  name text primary key,
  holder text not null,
  expires_at timestamptz not null
);

-- Debtor-level change detection for idempotent imports (ciphertexts differ on every write, so compare this instead).
alter table debtors add column source_hash text;
