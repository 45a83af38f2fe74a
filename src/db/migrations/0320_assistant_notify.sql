-- Wakes the web chat's event streams (GET /assistant/web/events) when a bot or agent message is stored, on whichever
-- node wrote it: NOTIFY assistant_outbound with the conversation id, delivered on commit. The streams keep a slow
-- poll as a fallback, so a lost notification only delays a message.
create or replace function assistant_notify_outbound() returns trigger language plpgsql as $$
begin
  if new.direction = 'outbound' then
    perform pg_notify('assistant_outbound', new.conversation_id::text);
  end if;
  return null;
end
$$;

create trigger assistant_messages_notify_outbound
  after insert on assistant_messages
  for each row execute function assistant_notify_outbound();
