import type { AppConfig } from './config.ts';
import type { AppDeps } from './app-deps.ts';
import { openDb, targetFromConfig } from './db/connection.ts';
import { migrate } from './db/migrate.ts';
import { createPiiCipher } from './lib/pii-cipher.ts';
import { loadKeyring } from './lib/keyring-store.ts';

/** Opens the configured database, applies migrations and loads the PII keyring: what every command and the server need. */
export async function bootstrap(config: AppConfig): Promise<AppDeps> {
  const db = await openDb(targetFromConfig(config));
  await migrate(db);
  const cipher = createPiiCipher(loadKeyring(config));
  return { config, db, cipher, now: () => new Date() };
}
