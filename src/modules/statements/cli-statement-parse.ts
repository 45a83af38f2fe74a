import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { InputError, UsageError, writeJsonLine, type CliCommand } from '../../cli/command.ts';
import { CSV_PRESETS, STATEMENT_FORMATS, parseStatement, type StatementFormat, type StatementTransaction } from '../../domain/statements/index.ts';
import { decodeStatementBytes } from './decode-statement-bytes.ts';

/** The contract's output line: exactly these keys, in this order. */
function toContractLine(tx: StatementTransaction): Record<string, string | null> {
  return {
    date: tx.date,
    entry_date: tx.entryDate,
    amount: tx.amount,
    currency: tx.currency,
    direction: tx.direction,
    reference: tx.reference,
    description: tx.description,
  };
}

async function readInput(file: string, stdin: NodeJS.ReadableStream): Promise<Uint8Array> {
  if (file === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    return Buffer.concat(chunks);
  }
  try {
    return await readFile(file);
  } catch (err) {
    throw new InputError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

/**
 * `tagih statement parse FILE [--format mt940|csv] [--preset NAME]` — prints each statement
 * transaction as a JSON line, or nothing at all (exit 1) when any line of the file is malformed.
 */
export const statementParseCommand: CliCommand = {
  summary: 'Parse an MT940 or CSV bank statement into one JSON line per transaction',
  usage: `FILE|- [--format ${STATEMENT_FORMATS.join('|')}] [--preset ${Object.keys(CSV_PRESETS).join('|')}]`,
  async run(args, ctx) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { format: { type: 'string' }, preset: { type: 'string' } },
    });
    if (positionals.length === 0) throw new UsageError('missing FILE');
    if (positionals.length > 1) throw new UsageError(`expected one FILE, got ${positionals.length}`);
    const format = values.format;
    if (format !== undefined && !(STATEMENT_FORMATS as readonly string[]).includes(format)) {
      throw new UsageError(`unknown format '${format}' (expected ${STATEMENT_FORMATS.join(' or ')})`);
    }
    const preset = values.preset;
    if (preset !== undefined && !(preset in CSV_PRESETS)) {
      throw new UsageError(`unknown preset '${preset}' (known: ${Object.keys(CSV_PRESETS).join(', ')})`);
    }
    if (preset !== undefined && format === 'mt940') throw new UsageError('--preset applies to CSV statements only');

    const { text } = decodeStatementBytes(await readInput(positionals[0]!, ctx.stdin));
    const result = parseStatement(text, {
      ...(format === undefined ? {} : { format: format as StatementFormat }),
      ...(preset === undefined ? {} : { preset }),
    });
    if (!result.ok) throw new InputError(result.error.message);
    // Build every line before writing any, so a failure can never leave partial output.
    const lines = result.statements.flatMap((s) => s.transactions.map(toContractLine));
    for (const line of lines) writeJsonLine(ctx.stdout, line);
    return 0;
  },
};
