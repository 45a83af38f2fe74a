import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { RowError } from './account-row.ts';

export async function createImportJob(
  db: Kysely<Database>,
  job: { kind: string; fileName: string; allowPartial: boolean; createdBy: string | null },
): Promise<string> {
  const row = await db
    .insertInto('import_jobs')
    .values({ kind: job.kind, file_name: job.fileName, status: 'running', allow_partial: job.allowPartial, created_by: job.createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function finishImportJob(
  db: Kysely<Database>,
  id: string,
  r: { status: 'succeeded' | 'rejected' | 'failed'; rowsRead: number; inserted: number; updated: number; rejected: number; errors: readonly RowError[] },
): Promise<void> {
  await db
    .updateTable('import_jobs')
    .set({
      status: r.status,
      rows_read: r.rowsRead,
      inserted: r.inserted,
      updated: r.updated,
      rejected: r.rejected,
      errors: JSON.stringify(r.errors),
      finished_at: new Date(),
    })
    .where('id', '=', id)
    .execute();
}

export async function findImportJob(db: Kysely<Database>, id: string) {
  return db.selectFrom('import_jobs').selectAll().where('id', '=', id).executeTakeFirst();
}
