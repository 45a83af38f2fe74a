-- Send path: the local sandbox "provider" the default configuration delivers to, and the indexes
-- the planner, the dispatchers and the outbox/decision listings need.

-- Messages delivered by the sandbox adapter (the default, offline channel). Keyed by the outbox
-- idempotency key exactly like a real provider's idempotency key, so a re-sent message after a crash
-- is stored once. Holds no address: the contact point is referenced, the PII stays encrypted at its source.
create table outbox_sandbox (
  id bigint generated always as identity primary key,
  idempotency_key text not null unique,
  outbox_id uuid not null references outbox_messages(id),
  channel text not null,
  contact_id uuid references debtor_contacts(id),
  subject text,
  body text not null,
  received_at timestamptz not null default now()
);

-- Dispatchers recover claims whose lease ran out (a worker died while sending).
create index outbox_messages_claim_expiry_idx on outbox_messages (claimed_until) where status = 'sending';
-- Staff listing, newest first, keyset by (created_at, id).
create index outbox_messages_created_idx on outbox_messages (created_at desc, id desc);
-- Compliance listing of decisions, newest first; and decisions of one message.
create index contact_decisions_outbox_idx on contact_decisions (outbox_id) where outbox_id is not null;
create index contact_decisions_id_desc_idx on contact_decisions (id desc);
create index outbox_events_occurred_idx on outbox_events (outbox_id, occurred_at);
