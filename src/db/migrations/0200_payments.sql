-- Payments: booking with exact reversal, bank statement imports, matching review queue.
-- Runs unchanged on PGlite and PostgreSQL 15.

-- A booked payment keeps what it changed (`effects`) so a reversal can undo exactly that, and the
-- business date it counts on (`value_date`), and where it came from (`source`; null on rows booked before 0200).
alter table payments add column value_date date;
alter table payments add column source text check (source in ('statement', 'gateway', 'manual'));
alter table payments add column effects jsonb not null default '{}'::jsonb;
alter table payments add column reversed_by text;

-- One row per imported statement file (all-or-nothing: it exists only if every line was stored).
create table statement_imports (
  id uuid primary key default gen_random_uuid(),
  file_name text not null,
  file_sha256 text not null,
  format text not null check (format in ('mt940', 'csv')),
  lines_total integer not null,
  lines_new integer not null,
  matched integer not null default 0,
  suggested integer not null default 0,
  unmatched integer not null default 0,
  actor_label text not null,
  imported_at timestamptz not null default now()
);

-- Every statement transaction ever imported, keyed so the same line imported twice is stored once.
create table statement_lines (
  id uuid primary key default gen_random_uuid(),
  line_key text not null unique,
  import_id uuid not null references statement_imports(id),
  line_no integer not null,
  statement_account text,
  statement_ref text,
  value_date date not null,
  entry_date date,
  amount text not null,
  amount_idr bigint,
  currency text not null,
  direction text not null check (direction in ('credit', 'debit')),
  reference text not null,
  description text not null,
  -- ignored: debits and non-IDR lines (never booked); matched: booked automatically; suggested/unmatched: review queue.
  status text not null check (status in ('matched', 'suggested', 'unmatched', 'ignored', 'confirmed', 'rejected')),
  rule text not null,
  confidence numeric(4, 3) not null default 0,
  account_id uuid references accounts(id),
  payment_id uuid references payments(id),
  candidates jsonb not null default '[]'::jsonb,
  reviewed_by uuid references users(id),
  reviewed_at timestamptz,
  review_note text,
  created_at timestamptz not null default now()
);
create index statement_lines_review_idx on statement_lines(status, created_at, id) where status in ('suggested', 'unmatched');
create index statement_lines_import_idx on statement_lines(import_id, line_no);

-- Matching lookups: account numbers written without punctuation, expected instalment near a due date,
-- open promises by amount.
create index accounts_account_no_norm_idx on accounts((upper(regexp_replace(account_no, '[^A-Za-z0-9]', '', 'g'))));
create index accounts_installment_due_idx on accounts(installment_idr, oldest_unpaid_due_date) where status = 'active';
create index promises_to_pay_amount_idx on promises_to_pay(amount_idr, promised_date) where status = 'pending';
