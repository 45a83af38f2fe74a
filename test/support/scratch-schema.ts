import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** A throwaway schema on the test server, so parallel test files never see each other's rows. */
export interface ScratchSchema {
  readonly schema: string;
  /** The server URL with `options=-c search_path=<schema>`: a child process opens it like any DATABASE_URL. */
  readonly url: string;
  drop(): Promise<void>;
}

async function adminQuery(serverUrl: string, statement: string): Promise<void> {
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  try {
    await c.query(statement);
  } finally {
    await c.end();
  }
}

/** Creates `<prefix>_<random>` on the server at `serverUrl` (TEST_DATABASE_URL). */
export async function createScratchSchema(serverUrl: string, prefix: string): Promise<ScratchSchema> {
  const schema = `${prefix}_${randomBytes(6).toString('hex')}`;
  await adminQuery(serverUrl, `create schema ${schema}`);
  const url = new URL(serverUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return { schema, url: url.toString(), drop: () => adminQuery(serverUrl, `drop schema ${schema} cascade`) };
}
