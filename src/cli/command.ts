import type { Readable, Writable } from 'node:stream';
import type { AppConfig } from '../config.ts';

/** What every CLI command receives: streams and config, never process globals, so tests can drive commands in-process. */
export interface CliContext {
  readonly stdin: Readable;
  readonly stdout: Writable;
  readonly stderr: Writable;
  readonly config: AppConfig;
}

/** A CLI command. `run` returns the process exit code (0 ok, 1 rejected input, 2 usage). */
export interface CliCommand {
  readonly summary: string;
  readonly usage: string;
  run(args: string[], ctx: CliContext): Promise<number>;
}

/** Exit code 2: the command line itself is wrong. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Exit code 1: the input (file, flag value) was understood but rejected. */
export class InputError extends Error {
  override readonly name = 'InputError';
}

/** Writes one JSON object as a line. */
export function writeJsonLine(out: Writable, value: unknown): void {
  out.write(`${JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))}\n`);
}
