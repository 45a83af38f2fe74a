import { createReadStream, existsSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { bootstrap } from '../../bootstrap.ts';
import { InputError, UsageError, writeJsonLine, type CliCommand } from '../../cli/command.ts';
import { importAccounts } from './service.ts';

/** `tagih import accounts FILE.csv [--allow-partial]` — see shared/CONTRACTS.md. Exit 1 when the file was rejected. */
export const importAccountsCommand: CliCommand = {
  summary: 'Import or update accounts from a CSV file (all-or-nothing unless --allow-partial).',
  usage: 'FILE.csv [--allow-partial]',
  async run(args, ctx) {
    const { values, positionals } = parseArgs({ args, options: { 'allow-partial': { type: 'boolean', default: false } }, allowPositionals: true });
    if (positionals.length !== 1) throw new UsageError('expected exactly one FILE.csv');
    const file = positionals[0]!;
    if (!existsSync(file) || !statSync(file).isFile()) throw new InputError(`cannot read '${file}': no such file`);
    const deps = await bootstrap(ctx.config);
    try {
      const result = await importAccounts(deps, createReadStream(file), {
        allowPartial: values['allow-partial'] === true,
        fileName: basename(file),
        actor: { id: null, label: 'cli' },
      });
      for (const w of result.warnings) ctx.stderr.write(`warning: ${w}\n`);
      writeJsonLine(ctx.stdout, { inserted: result.inserted, updated: result.updated, rejected: result.rejected, errors: result.errors });
      if (!result.committed) {
        const first = result.errors[0];
        ctx.stderr.write(
          `rejected: ${result.rejected} bad row(s), nothing was written${first ? ` (row ${first.row}, field ${first.field}: ${first.message})` : ''}\n`,
        );
        return 1;
      }
      if (result.rejected > 0) ctx.stderr.write(`imported the good rows; ${result.rejected} row(s) were rejected\n`);
      return 0;
    } finally {
      await deps.db.close();
    }
  },
};
