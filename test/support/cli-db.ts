/**
 * Running CLI commands in-process against a scratch database: PGlite under a temp data dir always,
 * plus a scratch schema on the server when TEST_DATABASE_URL is set (selected through the
 * connection string's `options=-c search_path=…`, so the command opens it like any DATABASE_URL).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { loadConfig, type AppConfig } from '../../src/config.ts';
import { main } from '../../src/cli/main.ts';
import { createScratchSchema } from './scratch-schema.ts';

export interface CliTarget {
  readonly name: 'pglite' | 'postgres';
  /** A config with its own data dir (key file) and database; `cleanup` removes both. */
  create(): Promise<{ config: AppConfig; cleanup(): Promise<void> }>;
}

const serverUrl = process.env['TEST_DATABASE_URL'];

export const cliTargets: CliTarget[] = [
  {
    name: 'pglite',
    async create() {
      const dir = mkdtempSync(join(tmpdir(), 'tagih-cli-'));
      return { config: loadConfig({ TAGIH_DATA_DIR: dir, LOG_LEVEL: 'silent' }), cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
    },
  },
  ...(serverUrl
    ? [
        {
          name: 'postgres' as const,
          async create() {
            const dir = mkdtempSync(join(tmpdir(), 'tagih-cli-'));
            const scratch = await createScratchSchema(serverUrl, 'c');
            return {
              config: loadConfig({ TAGIH_DATA_DIR: dir, LOG_LEVEL: 'silent', DATABASE_URL: scratch.url }),
              async cleanup() {
                await scratch.drop();
                rmSync(dir, { recursive: true, force: true });
              },
            };
          },
        },
      ]
    : []),
];

/** Runs `tagih <argv>` in-process; returns exit code and everything written to stdout/stderr. */
export async function runCli(argv: string[], config: AppConfig, stdinText = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdin = new PassThrough();
  stdin.end(stdinText);
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
  stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
  const code = await main(argv, { stdin, stdout, stderr, config });
  return { code, stdout: out, stderr: err };
}
