-- Strategies and the daily batch (issue 3, parts 3 and 5). Runs unchanged on PGlite and PostgreSQL 15.

-- Facts strategies segment on that the core schema lacks: the model's propensity score (0–1, null until scored)
-- and an agreed hardship plan (keringanan) that pauses automated treatments through the given date.
alter table accounts add column score real check (score is null or (score >= 0 and score <= 1));
alter table accounts add column hardship_until date;

-- The ledger of treatments the daily batch decided: one row per idempotency key
-- (strategy version + account + ladder step + delinquency episode), so a re-run, a resumed crash or a
-- catch-up day never treats twice. Carries segment and arm for champion–challenger reporting, and what
-- became of the treatment (outbox row, work item, or the planner's block reasons).
create table strategy_treatments (
  id bigint generated always as identity primary key,
  idempotency_key text not null unique,
  business_date date not null,
  account_id uuid not null references accounts(id),
  debtor_id uuid not null references debtors(id),
  strategy_version integer not null,
  segment text not null,
  arm text not null,
  step_code text not null,
  action text not null check (action in ('contact', 'task', 'escalate')),
  outcome text not null check (outcome in ('planned', 'blocked', 'duplicate', 'deferred', 'created')),
  outbox_id uuid,
  work_item_id uuid,
  reasons text[] not null default '{}',
  created_at timestamptz not null default now()
);
create index strategy_treatments_account_idx on strategy_treatments (account_id, created_at);
create index strategy_treatments_date_idx on strategy_treatments (business_date, strategy_version, arm);
