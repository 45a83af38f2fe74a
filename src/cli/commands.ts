import type { CliCommand } from './command.ts';

/**
 * Every `npx tagih` command, by its words. Loaded lazily so that `tagih policy check`
 * does not pay for the NLU model or the database driver.
 * Add a command: one line here, the command module in its capability folder.
 */
export const commands: Record<string, () => Promise<CliCommand>> = {
  demo: async () => (await import('../modules/demo/cli-demo.ts')).demoCommand,
  'import accounts': async () => (await import('../modules/imports/cli-import-accounts.ts')).importAccountsCommand,
  'statement parse': async () => (await import('../modules/statements/cli-statement-parse.ts')).statementParseCommand,
  reconcile: async () => (await import('../modules/payments/cli-reconcile.ts')).reconcileCommand,
  'assistant classify': async () => (await import('../modules/assistant/cli-classify.ts')).command,
  'assistant evaluate': async () => (await import('../modules/assistant/nlu/evaluate.ts')).command,
  'policy check': async () => (await import('../modules/contact-policy/cli-policy-check.ts')).policyCheckCommand,
  migrate: async () => (await import('../db/migrate-command.ts')).migrateCommand,
  'audit verify': async () => (await import('../modules/audit/verify-command.ts')).auditVerifyCommand,
  'keys rotate': async () => (await import('../modules/keys/rotate-command.ts')).keysRotateCommand,
  'users add': async () => (await import('../modules/auth/users-add-command.ts')).usersAddCommand,
  'run daily': async () => (await import('../modules/daily/cli-run-daily.ts')).runDailyCommand,
  'worker dispatch': async () => (await import('../modules/outbox/cli-worker-dispatch.ts')).workerDispatchCommand,
  serve: async () => (await import('../modules/platform/cli-serve.ts')).serveCommand,
  'gateway simulate': async () => (await import('../modules/gateways/cli-simulate.ts')).gatewaySimulateCommand,
};
