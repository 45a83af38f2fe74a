import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

/** Rows of `batch_runs` (unique per job and business date): the checkpoint that makes a crashed run resumable. */
export interface RunRow {
  id: string;
  status: 'running' | 'succeeded' | 'failed';
  checkpoint: unknown;
}

export async function findRun(db: Kysely<Database>, job: string, businessDate: string): Promise<RunRow | undefined> {
  return db.selectFrom('batch_runs').select(['id', 'status', 'checkpoint']).where('job', '=', job).where('business_date', '=', businessDate).executeTakeFirst();
}

/** Creates the day's row, or restarts it (status running, fresh checkpoint); returns its id. */
export async function startRun(db: Kysely<Database>, job: string, businessDate: string, checkpoint: unknown): Promise<string> {
  const r = await sql<{ id: string }>`
    insert into batch_runs (job, business_date, status, checkpoint) values (${job}, ${businessDate}, 'running', ${JSON.stringify(checkpoint)}::jsonb)
    on conflict (job, business_date) do update
       set status = 'running', checkpoint = excluded.checkpoint, summary = '{}'::jsonb, started_at = now(), heartbeat_at = now(), finished_at = null
    returning id`.execute(db);
  return r.rows[0]!.id;
}

export async function markResumed(db: Kysely<Database>, id: string): Promise<void> {
  await sql`update batch_runs set status = 'running', heartbeat_at = now(), finished_at = null where id = ${id}`.execute(db);
}

/** Saves progress; called in the same transaction as the page's writes so both commit or neither does. */
export async function saveCheckpoint(trx: Kysely<Database>, id: string, checkpoint: unknown): Promise<void> {
  await sql`update batch_runs set checkpoint = ${JSON.stringify(checkpoint)}::jsonb, heartbeat_at = now() where id = ${id}`.execute(trx);
}

export async function finishRun(db: Kysely<Database>, id: string, status: 'succeeded' | 'failed', summary: unknown): Promise<void> {
  await sql`update batch_runs set status = ${status}, summary = ${JSON.stringify(summary)}::jsonb, finished_at = now(), heartbeat_at = now() where id = ${id}`.execute(db);
}
