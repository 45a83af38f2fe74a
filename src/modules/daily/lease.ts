import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

/** `host:pid:random` — unique per process, and says which local process to check when a lease looks abandoned. */
export function newHolderId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
}

/** True when the holder ran on this host in a process that no longer exists (killed, crashed): its lease is void. */
function isDeadLocalHolder(holder: string): boolean {
  const [host, pidText] = holder.split(':');
  const pid = Number(pidText);
  if (host !== hostname() || !Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Takes the named lease (row in `leases`) for `ttlMs`, or reports who holds it. Expiry is judged by the database
 * clock so nodes with skewed clocks agree. A holder on this host whose process is gone is taken over at once
 * (after kill -9 the restart need not wait for expiry); elsewhere only expiry frees a lease.
 */
export async function acquireLease(db: Kysely<Database>, name: string, holder: string, ttlMs: number): Promise<{ ok: true } | { ok: false; heldBy: string }> {
  const take = async () =>
    sql<{ holder: string }>`
      insert into leases (name, holder, expires_at) values (${name}, ${holder}, now() + ${ttlMs} * interval '1 millisecond')
      on conflict (name) do update set holder = excluded.holder, expires_at = excluded.expires_at
       where leases.expires_at < now() or leases.holder = excluded.holder
      returning holder`.execute(db);
  if ((await take()).rows.length > 0) return { ok: true };
  const current = await db.selectFrom('leases').select('holder').where('name', '=', name).executeTakeFirst();
  if (current && isDeadLocalHolder(current.holder)) {
    const r = await sql<{ holder: string }>`
      update leases set holder = ${holder}, expires_at = now() + ${ttlMs} * interval '1 millisecond'
       where name = ${name} and holder = ${current.holder} returning holder`.execute(db);
    if (r.rows.length > 0) return { ok: true };
  }
  return { ok: false, heldBy: current?.holder ?? 'unknown' };
}

/** Extends the lease; false when it was lost (expired and taken by another node), so the caller must stop. */
export async function renewLease(db: Kysely<Database>, name: string, holder: string, ttlMs: number): Promise<boolean> {
  const r = await sql`update leases set expires_at = now() + ${ttlMs} * interval '1 millisecond' where name = ${name} and holder = ${holder}`.execute(db);
  return Number(r.numAffectedRows ?? 0n) > 0;
}

export async function releaseLease(db: Kysely<Database>, name: string, holder: string): Promise<void> {
  await db.deleteFrom('leases').where('name', '=', name).where('holder', '=', holder).execute();
}
