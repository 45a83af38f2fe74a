-- A message whose dispatcher died mid-send on a channel that cannot dedupe (SMTP, WhatsApp) is failed with
-- `outcome_unknown` and must be looked at by a person, who checks the provider's console and records what
-- happened: it went out (counts as sent), resend it (the dispatcher re-checks policy), or drop it.
alter table outbox_messages add column review_state text
  check (review_state in ('needed', 'confirmed_sent', 'resent', 'dropped'));
alter table outbox_messages add column reviewed_by uuid references users(id);
alter table outbox_messages add column reviewed_at timestamptz;
alter table outbox_messages add column review_note text;

update outbox_messages set review_state = 'needed' where status = 'failed' and last_error like 'outcome_unknown%';
create index outbox_messages_review_idx on outbox_messages (created_at desc, id desc) where review_state = 'needed';
