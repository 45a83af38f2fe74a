import { mkdirSync } from 'node:fs';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { PGliteDialect } from './pglite-dialect.ts';
import type { Database } from './schema.ts';

export type DbKind = 'pglite' | 'postgres';

/**
 * One open database, embedded or server. Both return the same JS types:
 * int8 → bigint (money), date → 'YYYY-MM-DD' string, numeric → string, timestamptz → Date.
 */
export interface Db {
  readonly kysely: Kysely<Database>;
  readonly kind: DbKind;
  /** Runs a multi-statement SQL script (migrations). */
  execScript(script: string): Promise<void>;
  close(): Promise<void>;
}

export type DbTarget =
  | { kind: 'postgres'; url: string; schema?: string; poolSize?: number }
  | { kind: 'pglite'; dataDir: string | null /* null = in memory */ };

const INT8 = 20;
const DATE = 1082;
const NUMERIC = 1700;

/** Opens the configured database: `DATABASE_URL` when set, else PGlite under the data dir. */
export function targetFromConfig(config: { databaseUrl: string | undefined; dataDir: string }): DbTarget {
  return config.databaseUrl ? { kind: 'postgres', url: config.databaseUrl } : { kind: 'pglite', dataDir: `${config.dataDir}/pg` };
}

export async function openDb(target: DbTarget): Promise<Db> {
  return target.kind === 'postgres' ? openPostgres(target) : openPglite(target.dataDir);
}

async function openPglite(dataDir: string | null): Promise<Db> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const parsers = {
    [pgliteTypes.INT8]: (v: string) => BigInt(v),
    [pgliteTypes.DATE]: (v: string) => v,
    [pgliteTypes.NUMERIC]: (v: string) => v,
  };
  const pglite = await PGlite.create({ ...(dataDir ? { dataDir } : {}), parsers });
  const kysely = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  return {
    kysely,
    kind: 'pglite',
    async execScript(script) {
      // Take the driver's connection so the script cannot interleave with other queries.
      await kysely.connection().execute(async () => {
        try {
          await pglite.exec(script);
        } catch (err) {
          // A failed script may leave a transaction open on the only session; close it before anyone else queries.
          await pglite.exec('rollback').catch(() => {});
          throw err;
        }
      });
    },
    async close() {
      await kysely.destroy();
      await pglite.close();
    },
  };
}

async function openPostgres(target: { url: string; schema?: string; poolSize?: number }): Promise<Db> {
  const typeParsers: Record<number, (v: string) => unknown> = {
    [INT8]: (v) => BigInt(v),
    [DATE]: (v) => v,
    [NUMERIC]: (v) => v,
  };
  const pool = new pg.Pool({
    connectionString: target.url,
    max: target.poolSize ?? 10,
    ...(target.schema ? { options: `-c search_path=${target.schema}` } : {}),
    types: {
      getTypeParser: ((oid: number, format?: string) =>
        typeParsers[oid] ?? pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
    },
  });
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    kysely,
    kind: 'postgres',
    async execScript(script) {
      const client = await pool.connect();
      try {
        await client.query(script);
      } catch (err) {
        await client.query('rollback').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    async close() {
      await kysely.destroy();
    },
  };
}

/** True when the database answers a trivial query (used by /readyz). */
export async function ping(db: Db): Promise<boolean> {
  try {
    await sql`select 1`.execute(db.kysely);
    return true;
  } catch {
    return false;
  }
}
