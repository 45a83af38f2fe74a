-- Security: TOTP replay protection, password age, per-IP login throttling.

-- The last TOTP time step accepted for the user; a code at or before it is a replay.
alter table users add column mfa_last_step bigint;
alter table users add column password_changed_at timestamptz;

-- Per-IP throttling counts recent failures from one address.
create index login_attempts_ip_idx on login_attempts(ip, attempted_at);
