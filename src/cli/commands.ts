import type { CliCommand } from './command.ts';

/**
 * Every `npx tagih` command, by its words. Loaded lazily so that `tagih policy check`
 * does not pay for the NLU model or the database driver.
 * Add a command: one line here, the command module in its capability folder.
 */
export const commands: Record<string, () => Promise<CliCommand>> = {
  demo: async () => (await import('../modules/demo/cli-demo.ts')).demoCommand,
  'import accounts': async () => (await import('../modules/imports/cli-import-accounts.ts')).importAccountsCommand,
};
