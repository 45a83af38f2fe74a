import { loadConfig } from '../config.ts';
import { commands } from './commands.ts';
import { InputError, UsageError, type CliContext } from './command.ts';

function help(): string {
  const names = Object.keys(commands).sort();
  return `usage: tagih <command> [options]\n\ncommands:\n${names.map((n) => `  ${n}`).join('\n')}\n`;
}

/** Finds the longest registered command that prefixes argv ("import accounts", "policy check"). */
function resolve(argv: string[]): { key: string; rest: string[] } | undefined {
  for (let n = Math.min(argv.length, 3); n >= 1; n--) {
    const key = argv.slice(0, n).join(' ');
    if (key in commands) return { key, rest: argv.slice(n) };
  }
  return undefined;
}

/** Runs one CLI invocation and returns the exit code. */
export async function main(argv: string[], ctx?: Partial<CliContext>): Promise<number> {
  const context: CliContext = {
    stdin: ctx?.stdin ?? process.stdin,
    stdout: ctx?.stdout ?? process.stdout,
    stderr: ctx?.stderr ?? process.stderr,
    config: ctx?.config ?? loadConfig(process.env),
  };
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === 'help') {
    context.stderr.write(help());
    return argv.length === 0 ? 2 : 0;
  }
  const found = resolve(argv);
  if (!found) {
    context.stderr.write(`tagih: unknown command '${argv.join(' ')}'\n${help()}`);
    return 2;
  }
  const command = await commands[found.key]!();
  if (found.rest.includes('--help')) {
    context.stderr.write(`${command.summary}\nusage: tagih ${found.key} ${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(found.rest, context);
  } catch (err) {
    if (err instanceof UsageError) {
      context.stderr.write(`tagih ${found.key}: ${err.message}\nusage: tagih ${found.key} ${command.usage}\n`);
      return 2;
    }
    if (err instanceof InputError) {
      context.stderr.write(`tagih ${found.key}: ${err.message}\n`);
      return 1;
    }
    // node:util parseArgs reports unknown/malformed flags with these codes.
    const code = (err as { code?: string }).code;
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' || code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
      context.stderr.write(`tagih ${found.key}: ${(err as Error).message}\nusage: tagih ${found.key} ${command.usage}\n`);
      return 2;
    }
    throw err;
  }
}
