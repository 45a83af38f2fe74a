import type { AppConfig } from './config.ts';
import type { Db } from './db/connection.ts';
import type { PiiCipher } from './lib/pii-cipher.ts';

/** What the app and its modules are built from; tests pass their own (in-memory DB, fixed clock). */
export interface AppDeps {
  readonly config: AppConfig;
  readonly db: Db;
  readonly cipher: PiiCipher;
  /** The wall clock; injected so tests and the daily batch can run "as of" another instant. */
  readonly now: () => Date;
}
