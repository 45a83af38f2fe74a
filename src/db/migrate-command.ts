import { parseArgs } from 'node:util';
import { writeJsonLine, type CliCommand } from '../cli/command.ts';
import { openDb, targetFromConfig } from './connection.ts';
import { migrate } from './migrate.ts';

/** `tagih migrate`: applies pending migrations and lists them (every other command also migrates on start). */
export const migrateCommand: CliCommand = {
  summary: 'Apply pending database migrations',
  usage: '',
  async run(args, ctx) {
    parseArgs({ args, options: {}, strict: true, allowPositionals: false });
    const db = await openDb(targetFromConfig(ctx.config));
    try {
      writeJsonLine(ctx.stdout, { applied: await migrate(db) });
      return 0;
    } finally {
      await db.close();
    }
  },
};
