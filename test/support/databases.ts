import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDb, type Db } from '../../src/db/connection.ts';
import { migrate } from '../../src/db/migrate.ts';

/** A database a test suite runs against: always PGlite, plus the server when TEST_DATABASE_URL is set. */
export interface TestDatabase {
  readonly name: 'pglite' | 'postgres';
  /** Opens a fresh, migrated, empty database (an in-memory PGlite, or a scratch schema on the server). */
  open(): Promise<Db>;
}

const serverUrl = process.env['TEST_DATABASE_URL'];

export const testDatabases: TestDatabase[] = [
  {
    name: 'pglite',
    async open() {
      const db = await openDb({ kind: 'pglite', dataDir: null });
      await migrate(db);
      return db;
    },
  },
  ...(serverUrl
    ? [
        {
          name: 'postgres' as const,
          async open() {
            const schema = `t_${randomBytes(6).toString('hex')}`;
            const admin = new pg.Client({ connectionString: serverUrl });
            await admin.connect();
            await admin.query(`create schema ${schema}`);
            await admin.end();
            const db = await openDb({ kind: 'postgres', url: serverUrl, schema, poolSize: 4 });
            await migrate(db);
            return {
              ...db,
              async close() {
                await db.close();
                const c = new pg.Client({ connectionString: serverUrl });
                await c.connect();
                await c.query(`drop schema ${schema} cascade`);
                await c.end();
              },
            } satisfies Db;
          },
        },
      ]
    : []),
];
