import { readdirSync, readFileSync } from 'node:fs';
import { sql } from 'kysely';
import type { Db } from './connection.ts';

const MIGRATIONS_DIR = new URL('./migrations/', import.meta.url);

export interface Migration {
  readonly name: string;
  readonly sql: string;
}

/** The plain-SQL migrations shipped with Tagih, in file-name order. They run unchanged on PGlite and PostgreSQL 15. */
export function bundledMigrations(): Migration[] {
  return readdirSync(MIGRATIONS_DIR)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((name) => ({ name, sql: readFileSync(new URL(name, MIGRATIONS_DIR), 'utf8') }));
}

/**
 * Applies every migration not yet recorded, each in its own transaction.
 * An advisory lock serialises concurrent starters (several API/worker processes on one server).
 * Returns the names applied.
 */
export async function migrate(db: Db, migrations: Migration[] = bundledMigrations()): Promise<string[]> {
  await db.execScript(
    'create table if not exists schema_migrations (name text primary key, applied_at timestamptz not null default now())',
  );
  const applied: string[] = [];
  for (const m of migrations) {
    const done = await sql<{ n: number }>`select 1 as n from schema_migrations where name = ${m.name}`.execute(db.kysely);
    if (done.rows.length > 0) continue;
    const quoted = m.name.replaceAll("'", "''");
    const ran = await db.execScript(
      `begin;\nselect pg_advisory_xact_lock(7415562);\n` +
        `do $$ begin if exists (select 1 from schema_migrations where name = '${quoted}') then raise exception 'tagih_migration_already_applied'; end if; end $$;\n` +
        `${m.sql}\n;insert into schema_migrations (name) values ('${quoted}');\ncommit;`,
    ).then(
      () => true,
      (err: unknown) => {
        // Another process applied it between our check and our lock.
        if (String((err as Error).message).includes('tagih_migration_already_applied')) return false;
        throw new Error(`migration ${m.name} failed: ${(err as Error).message}`);
      },
    );
    if (ran) applied.push(m.name);
  }
  return applied;
}
