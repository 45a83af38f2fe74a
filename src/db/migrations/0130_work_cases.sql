-- Work queues and case handling: promises to pay, disputes/complaints, assignment rules, callbacks, field visits.
-- Builds on 0100_collection.sql (work_items, promises_to_pay, disputes) and 0001_core.sql (cases, assignments).

-- Human-readable dispute/complaint references (DSP-2026-000123, CMP-2026-000124): one sequence for both.
create sequence dispute_reference_seq;
alter table disputes add column resolved_by uuid references users(id);
create index disputes_sla_idx on disputes (sla_due_at) where status = 'open';

-- Who cancelled a promise and why (status 'cancelled' already exists).
alter table promises_to_pay add column cancelled_at timestamptz;
alter table promises_to_pay add column cancelled_by uuid references users(id);
alter table promises_to_pay add column cancel_reason text;
-- At most one pending promise per account: a new promise replaces nothing silently.
create unique index promises_to_pay_one_pending on promises_to_pay (account_id) where status = 'pending';

-- The interaction that completed a work item, and the work item a callback follows up.
alter table work_items add column interaction_id uuid references interactions(id);
create index work_items_team_idx on work_items (team_id, priority desc, due_at) where status in ('open', 'in_progress');
create index work_items_account_idx on work_items (account_id) where status in ('open', 'in_progress');

-- Assignment rules as data: the first active rule (lowest position) whose conditions match an account decides
-- its team and queue; within the team the least-loaded agent of the rule's role gets it (or the team pool).
create table assignment_rules (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  position integer not null,
  conditions jsonb not null default '{}'::jsonb,
  team_id uuid not null references teams(id),
  queue text not null default 'desk_l1',
  mode text not null default 'least_loaded' check (mode in ('least_loaded', 'team_pool')),
  agent_role text not null default 'agent' check (agent_role in ('agent', 'field_agent')),
  active boolean not null default true,
  created_by uuid references users(id),
  created_at timestamptz not null default now()
);
create index assignment_rules_active_idx on assignment_rules (position) where active;

-- Field visits: one row per visit work item, with GPS check-in/check-out and the outcome.
create table field_visits (
  id uuid primary key default gen_random_uuid(),
  work_item_id uuid not null unique references work_items(id),
  account_id uuid not null references accounts(id),
  debtor_id uuid not null references debtors(id),
  field_agent_id uuid not null references users(id),
  status text not null default 'assigned' check (status in ('assigned', 'checked_in', 'completed', 'cancelled')),
  scheduled_for timestamptz not null,
  check_in_at timestamptz,
  check_in_lat double precision,
  check_in_lng double precision,
  check_in_accuracy_m double precision,
  check_out_at timestamptz,
  check_out_lat double precision,
  check_out_lng double precision,
  check_out_accuracy_m double precision,
  outcome text,
  notes text,
  interaction_id uuid references interactions(id),
  created_by uuid references users(id),
  created_at timestamptz not null default now()
);
create index field_visits_agent_idx on field_visits (field_agent_id, scheduled_for) where status in ('assigned', 'checked_in');

-- Photo evidence, stored in the database (bounded size enforced by the API) so backups carry it.
create table field_visit_photos (
  id uuid primary key default gen_random_uuid(),
  visit_id uuid not null references field_visits(id),
  content_type text not null check (content_type in ('image/jpeg', 'image/png', 'image/webp')),
  bytes bytea not null,
  size_bytes integer not null check (size_bytes > 0),
  sha256 text not null,
  uploaded_by uuid references users(id),
  uploaded_at timestamptz not null default now(),
  unique (visit_id, sha256)
);

-- Call lists and claims read open items best-priority first, filtered by who may work them; this index lets them
-- stop after the first page instead of sorting a team's whole pool.
create index work_items_priority_idx on work_items (priority desc, due_at, id) where status in ('open', 'in_progress');
