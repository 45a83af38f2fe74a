-- Debtor assistant: conversations (one live per channel user), their messages, identity-verification locks,
-- and requests the bot collects for people to review (restructuring, settlement, payment trace, callback).

-- Chatwoot-style status: 'pending' = with the bot, 'open' = handed over to a person, 'resolved' = ended.
create table assistant_conversations (
  id uuid primary key default gen_random_uuid(),
  channel text not null check (channel in ('web', 'whatsapp')),
  -- Who is on the other end: sha256 of the web conversation token, or the blind index of the WhatsApp E.164 number.
  channel_user_key text not null,
  -- For WhatsApp: the sender's number (encrypted), needed to reply.
  address_enc text,
  status text not null default 'pending' check (status in ('pending', 'open', 'resolved')),
  -- The debtor the conversation is about: a candidate until verified_at is set.
  debtor_id uuid references debtors(id),
  account_id uuid references accounts(id),
  contact_id uuid references debtor_contacts(id),
  verified_at timestamptz,
  failed_verifications integer not null default 0,
  stage jsonb not null default '{"kind":"idle"}'::jsonb,
  handoff_work_item_id uuid references work_items(id),
  handed_off_at timestamptz,
  last_intent text,
  turns integer not null default 0,
  started_at timestamptz not null,
  last_message_at timestamptz not null,
  resolved_at timestamptz
);
create unique index assistant_conversations_live_idx on assistant_conversations (channel, channel_user_key) where status <> 'resolved';
create index assistant_conversations_status_idx on assistant_conversations (status, last_message_at);
create index assistant_conversations_debtor_idx on assistant_conversations (debtor_id);

-- Every message in and out. Bodies are encrypted (they carry names and amounts); identity answers are never stored.
create table assistant_messages (
  id bigint generated always as identity primary key,
  conversation_id uuid not null references assistant_conversations(id) on delete cascade,
  direction text not null check (direction in ('inbound', 'outbound')),
  sender text not null check (sender in ('debtor', 'bot', 'agent')),
  agent_id uuid references users(id),
  body_enc text not null,
  intent text,
  confidence real,
  -- Provider message id (WhatsApp wamid) so a redelivered webhook is processed once.
  external_id text unique,
  -- Replies inside a debtor-started conversation may go out at any hour; when they do, it is recorded here.
  outside_contact_hours boolean not null default false,
  delivery text not null default 'stored' check (delivery in ('stored', 'sent', 'failed')),
  created_at timestamptz not null
);
create index assistant_messages_conversation_idx on assistant_messages (conversation_id, id);

-- Identity-verification failures per debtor across all channels and conversations, so an attacker cannot reset
-- the count by opening a new chat.
create table assistant_identity_locks (
  debtor_id uuid primary key references debtors(id) on delete cascade,
  failures integer not null default 0,
  window_started_at timestamptz not null,
  locked_until timestamptz
);

create table assistant_requests (
  id uuid primary key default gen_random_uuid(),
  kind text not null check (kind in ('restructuring', 'settlement', 'payment_trace', 'callback')),
  conversation_id uuid not null references assistant_conversations(id),
  debtor_id uuid not null references debtors(id),
  account_id uuid references accounts(id),
  status text not null default 'pending_review' check (status in ('pending_review', 'approved', 'rejected', 'done')),
  reason text,
  amount_idr bigint check (amount_idr is null or amount_idr > 0),
  details jsonb not null default '{}'::jsonb,
  work_item_id uuid references work_items(id),
  created_at timestamptz not null
);
create index assistant_requests_status_idx on assistant_requests (kind, status);
