-- A provider can report on a message (WhatsApp "sent"/"delivered") before the dispatcher has committed the provider's
-- message id. Such reports wait here and are applied when the id is recorded, instead of being lost. Reports on ids
-- Tagih never records (assistant replies, messages sent outside Tagih) are pruned after a day by the webhook.
create table early_delivery_reports (
  id bigint generated always as identity primary key,
  provider text not null,
  provider_message_id text not null,
  status text not null check (status in ('sent', 'delivered', 'read', 'failed')),
  reported_at timestamptz not null,
  error text,
  received_at timestamptz not null default now()
);
create index early_delivery_reports_message_idx on early_delivery_reports (provider, provider_message_id);
create index early_delivery_reports_received_idx on early_delivery_reports (received_at);
