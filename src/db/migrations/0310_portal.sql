-- Debtor self-service portal: OTP login challenges, debtor sessions, preferred contact hours and
-- UU PDP data-subject requests. Plan requests reuse assistant_requests (source = 'portal').

-- Every OTP request gets a challenge row, also for unknown accounts (debtor_id null, code never sent), so the
-- answers and the attempt counting are the same whether an account exists or not.
create table portal_otps (
  id uuid primary key default gen_random_uuid(),
  -- sha256 of the normalised account number typed in: rate limits work per account even for unknown numbers.
  account_key text not null,
  debtor_id uuid references debtors(id) on delete cascade,
  account_id uuid references accounts(id) on delete cascade,
  contact_id uuid references debtor_contacts(id) on delete set null,
  -- Keyed hash (blind index) of challenge id + code: a leaked table cannot be checked offline without the key.
  code_hash text not null,
  attempts integer not null default 0,
  max_attempts integer not null default 5,
  created_at timestamptz not null,
  expires_at timestamptz not null,
  consumed_at timestamptz,
  locked_at timestamptz,
  ip text
);
create index portal_otps_account_key_idx on portal_otps (account_key, created_at);
create index portal_otps_ip_idx on portal_otps (ip, created_at);

-- Debtor sessions: only the sha256 of the token is stored (same helpers as staff sessions).
create table portal_sessions (
  id text primary key,
  debtor_id uuid not null references debtors(id) on delete cascade,
  otp_id uuid not null references portal_otps(id),
  created_at timestamptz not null,
  expires_at timestamptz not null,
  revoked_at timestamptz
);
create index portal_sessions_debtor_idx on portal_sessions (debtor_id);

-- Hours in the debtor's own zone when they prefer to be contacted (inside the legal window the policy enforces).
create table portal_contact_hours (
  debtor_id uuid primary key references debtors(id) on delete cascade,
  start_local text not null check (start_local ~ '^[0-2][0-9]:[0-5][0-9]$'),
  end_local text not null check (end_local ~ '^[0-2][0-9]:[0-5][0-9]$'),
  recorded_at timestamptz not null
);

-- UU PDP (UU 27/2022) data-subject requests: access export, correction, consent withdrawal.
create table data_subject_requests (
  id uuid primary key default gen_random_uuid(),
  reference text not null unique,
  debtor_id uuid not null references debtors(id) on delete cascade,
  kind text not null check (kind in ('access', 'correction', 'consent_withdrawal')),
  status text not null default 'open' check (status in ('open', 'closed')),
  -- The debtor's words (a correction names personal data), encrypted.
  details_enc text,
  created_at timestamptz not null,
  due_at timestamptz not null,
  closed_at timestamptz,
  closed_by uuid references users(id),
  resolution text
);
create index data_subject_requests_status_idx on data_subject_requests (status, created_at, id);

-- Plan (restructuring) requests from the portal reuse the assistant's review table without a conversation.
alter table assistant_requests alter column conversation_id drop not null;
alter table assistant_requests add column source text not null default 'assistant' check (source in ('assistant', 'portal'));
