-- Payment instruments (virtual accounts, payment links) issued through a gateway for one account.
create table payment_instruments (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references accounts(id),
  gateway text not null check (gateway in ('midtrans', 'xendit', 'sandbox')),
  kind text not null check (kind in ('va', 'link')),
  -- Our reference sent to the gateway (Midtrans order_id, Xendit external_id, sandbox order id); unique per gateway.
  reference text not null,
  -- The gateway's own id for the instrument (Midtrans transaction_id, Xendit VA or invoice id).
  external_id text,
  bank text,
  va_number text,
  payment_url text,
  amount_idr bigint check (amount_idr is null or amount_idr > 0),
  status text not null default 'active' check (status in ('active', 'paid', 'expired', 'cancelled')),
  expires_at timestamptz,
  created_by uuid references users(id),
  created_at timestamptz not null default now(),
  unique (gateway, reference)
);
create index payment_instruments_account_idx on payment_instruments(account_id, created_at desc);
create index payment_instruments_va_idx on payment_instruments(gateway, va_number) where va_number is not null;

-- One row per payment order at a gateway: the state machine that decides when money is booked.
-- A payment is booked on the first transition to 'paid', in the same transaction that moves the state;
-- 'paid' never regresses (a late 'pending' or 'expire' is recorded but ignored).
create table gateway_orders (
  id uuid primary key default gen_random_uuid(),
  gateway text not null check (gateway in ('midtrans', 'xendit', 'sandbox')),
  order_ref text not null,
  instrument_id uuid not null references payment_instruments(id),
  account_id uuid not null references accounts(id),
  status text not null check (status in ('pending', 'paid', 'failed', 'expired', 'cancelled', 'refunded')),
  amount_idr bigint not null,
  paid_at timestamptz,
  payment_id uuid references payments(id),
  notifications integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (gateway, order_ref)
);
create index gateway_orders_account_idx on gateway_orders(account_id);

-- Every webhook call, signed or not, with the verdict: the evidence when a gateway and Tagih disagree.
create table webhook_receipts (
  id bigint generated always as identity primary key,
  gateway text not null,
  received_at timestamptz not null,
  verdict text not null check (verdict in ('booked', 'applied', 'ignored', 'unknown_order', 'bad_signature', 'malformed')),
  order_ref text,
  reported_status text,
  detail text,
  payload jsonb not null default '{}'::jsonb,
  remote_ip text
);
create index webhook_receipts_order_idx on webhook_receipts(gateway, order_ref);
create index webhook_receipts_time_idx on webhook_receipts(received_at);

-- Restructuring plans and discounted settlements, proposed and decided by role limits.
create table payment_plans (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references accounts(id),
  kind text not null check (kind in ('restructure', 'settlement')),
  source text not null check (source in ('agent', 'portal', 'assistant', 'strategy')),
  status text not null default 'proposed' check (status in ('proposed', 'approved', 'rejected', 'completed', 'breached', 'superseded', 'cancelled')),
  outstanding_idr bigint not null check (outstanding_idr > 0),
  discount_idr bigint not null default 0 check (discount_idr >= 0),
  total_idr bigint not null check (total_idr > 0),
  first_payment_idr bigint not null check (first_payment_idr > 0),
  instalments integer not null check (instalments >= 1),
  first_due_date date not null,
  required_role text not null check (required_role in ('agent', 'supervisor', 'admin')),
  note text,
  proposed_by uuid references users(id),
  proposed_at timestamptz not null,
  decided_by uuid references users(id),
  decided_at timestamptz,
  decision_reason text,
  breached_at timestamptz,
  completed_at timestamptz,
  check (discount_idr < outstanding_idr),
  check (total_idr = outstanding_idr - discount_idr)
);
create index payment_plans_account_idx on payment_plans(account_id, proposed_at desc);
create unique index payment_plans_one_live_per_account on payment_plans(account_id) where status = 'approved';

create table payment_plan_instalments (
  plan_id uuid not null references payment_plans(id),
  seq integer not null,
  due_date date not null,
  amount_idr bigint not null check (amount_idr > 0),
  primary key (plan_id, seq)
);

-- Which plan a schedule row belongs to (null: the original loan schedule).
alter table account_schedule add column plan_id uuid references payment_plans(id);

-- The forward schedule an approved plan replaced, kept for history.
create table account_schedule_archive (
  id bigint generated always as identity primary key,
  account_id uuid not null references accounts(id),
  replaced_by_plan_id uuid not null references payment_plans(id),
  seq integer not null,
  due_date date not null,
  principal_due bigint not null,
  interest_due bigint not null,
  fee_due bigint not null,
  penalty_due bigint not null,
  principal_paid bigint not null,
  interest_paid bigint not null,
  fee_paid bigint not null,
  penalty_paid bigint not null,
  plan_id uuid,
  archived_at timestamptz not null
);
create index account_schedule_archive_account_idx on account_schedule_archive(account_id);
