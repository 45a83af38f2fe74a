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
  /**
   * Calls `onPayload` for each `NOTIFY channel, payload` (sent by any node, delivered on commit); returns the
   * unsubscribe. One listening session per process and channel, shared by all subscribers. A listener is a
   * wake-up hint, not a queue: after a lost connection nothing is replayed, so callers keep a slow poll.
   */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => void>;
  close(): Promise<void>;
}

/** Fans one LISTEN per channel out to in-process subscribers. */
function notificationHub(startListening: (channel: string, dispatch: (payload: string) => void) => Promise<void>) {
  const subscribers = new Map<string, Set<(payload: string) => void>>();
  const started = new Map<string, Promise<void>>();
  return {
    async listen(channel: string, onPayload: (payload: string) => void): Promise<() => void> {
      if (!/^[a-z_][a-z0-9_]{0,62}$/.test(channel)) throw new RangeError(`listen: bad channel name ${JSON.stringify(channel)}`);
      let set = subscribers.get(channel);
      if (!set) subscribers.set(channel, (set = new Set()));
      set.add(onPayload);
      let start = started.get(channel);
      if (!start) {
        start = startListening(channel, (payload) => {
          for (const fn of subscribers.get(channel) ?? []) fn(payload);
        });
        started.set(channel, start);
        // A failed start may be retried by the next subscriber.
        start.catch(() => started.delete(channel));
      }
      await start;
      return () => set.delete(onPayload);
    },
    /** The session was lost: the next subscriber listens again. */
    forget(): void {
      started.clear();
    },
  };
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
  // Through the driver's connection, so LISTEN never lands inside someone else's open transaction on the one session.
  const hub = notificationHub(async (channel, dispatch) => {
    await kysely.connection().execute(async () => {
      await pglite.listen(channel, dispatch);
    });
  });
  return {
    kysely,
    kind: 'pglite',
    listen: hub.listen,
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
  // LISTEN needs a session of its own, outside the pool: one client per process, opened on first use.
  let listener: pg.Client | null = null;
  let connecting: Promise<pg.Client> | null = null;
  const dispatchers = new Map<string, (payload: string) => void>();
  const hub = notificationHub(async (channel, dispatch) => {
    connecting ??= (async () => {
      const client = new pg.Client({ connectionString: target.url });
      client.on('notification', (n) => dispatchers.get(n.channel)?.(n.payload ?? ''));
      client.on('error', () => {
        // Lost: subscribers fall back to their slow poll; the next subscriber reconnects.
        listener = null;
        connecting = null;
        hub.forget();
        client.end().catch(() => {});
      });
      await client.connect();
      listener = client;
      return client;
    })();
    const client = await connecting.catch((err: unknown) => {
      connecting = null;
      throw err;
    });
    dispatchers.set(channel, dispatch);
    await client.query(`listen ${channel}`);
  });
  return {
    kysely,
    kind: 'postgres',
    listen: hub.listen,
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
      const l = listener;
      listener = null;
      connecting = null;
      if (l) await l.end().catch(() => {});
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
