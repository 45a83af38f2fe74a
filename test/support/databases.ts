import { openDb, type Db } from '../../src/db/connection.ts';
import { migrate } from '../../src/db/migrate.ts';
import { createScratchSchema } from './scratch-schema.ts';

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
            const scratch = await createScratchSchema(serverUrl, 't');
            const db = await openDb({ kind: 'postgres', url: serverUrl, schema: scratch.schema, poolSize: 4 });
            await migrate(db);
            return {
              ...db,
              async close() {
                await db.close();
                await scratch.drop();
              },
            } satisfies Db;
          },
        },
      ]
    : []),
];
