import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { bootstrap } from '../../bootstrap.ts';
import { InputError, UsageError, writeJsonLine, type CliCommand } from '../../cli/command.ts';
import { CSV_PRESETS, STATEMENT_FORMATS, type StatementFormat } from '../../domain/statements/index.ts';
import { decodeStatementBytes } from '../statements/index.ts';
import { bookPaymentFlow, bookPaymentsFlow } from '../../flows/payment-booking.ts';
import { reconcileStatement } from './reconcile.ts';

/**
 * `tagih reconcile FILE [--format mt940|csv] [--preset NAME]` (CONTRACTS.md): imports the statement once, books
 * the unambiguous credits, prints one JSON line per credit then `{"matched","suggested","unmatched"}`.
 * A malformed file exits 1 naming line and field, with nothing written to the database or stdout.
 */
export const reconcileCommand: CliCommand = {
  summary: 'Import a bank statement, match each credit to an account and book the unambiguous ones',
  usage: `FILE [--format ${STATEMENT_FORMATS.join('|')}] [--preset ${Object.keys(CSV_PRESETS).join('|')}]`,
  async run(args, ctx) {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { format: { type: 'string' }, preset: { type: 'string' } } });
    if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'missing FILE' : `expected one FILE, got ${positionals.length}`);
    const format = values.format;
    if (format !== undefined && !(STATEMENT_FORMATS as readonly string[]).includes(format)) {
      throw new UsageError(`unknown format '${format}' (expected ${STATEMENT_FORMATS.join(' or ')})`);
    }
    const preset = values.preset;
    if (preset !== undefined && !(preset in CSV_PRESETS)) throw new UsageError(`unknown preset '${preset}' (known: ${Object.keys(CSV_PRESETS).join(', ')})`);
    if (preset !== undefined && format === 'mt940') throw new UsageError('--preset applies to CSV statements only');
    const file = positionals[0]!;
    let bytes: Uint8Array;
    try {
      bytes = await readFile(file);
    } catch (err) {
      throw new InputError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    const { text } = decodeStatementBytes(bytes);

    const deps = await bootstrap(ctx.config);
    try {
      const result = await reconcileStatement(deps.db.kysely, {
        text,
        fileName: basename(file),
        ...(format === undefined ? {} : { format: format as StatementFormat }),
        ...(preset === undefined ? {} : { preset }),
        actor: { id: null, label: 'cli' },
        receivedAt: deps.now(),
        book: bookPaymentFlow,
        bookMany: bookPaymentsFlow,
      });
      if (!result.ok) throw new InputError(`${result.error.message}; nothing was imported`);
      for (const c of result.credits) writeJsonLine(ctx.stdout, c);
      writeJsonLine(ctx.stdout, result.summary);
      if (result.newLines < result.linesTotal) {
        ctx.stderr.write(`${result.linesTotal - result.newLines} of ${result.linesTotal} line(s) were already imported; they were not booked again\n`);
      }
      return 0;
    } finally {
      await deps.db.close();
    }
  },
};
