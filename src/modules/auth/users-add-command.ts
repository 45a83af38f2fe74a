import { parseArgs } from 'node:util';
import type { Readable } from 'node:stream';
import { z } from 'zod';
import { bootstrap } from '../../bootstrap.ts';
import { InputError, UsageError, writeJsonLine, type CliCommand } from '../../cli/command.ts';
import { ROLES } from '../../domain/permissions.ts';
import { AppError } from '../../lib/app-error.ts';
import { SYSTEM_ACTOR } from '../audit/index.ts';
import { createUser, ensureTeam } from './users-service.ts';

/** The first line of stdin, so `echo pw | tagih users add …` works and the password stays out of shell history and `ps`. */
async function firstLine(stdin: Readable): Promise<string> {
  let buffered = '';
  for await (const chunk of stdin) {
    buffered += typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8');
    const nl = buffered.indexOf('\n');
    if (nl >= 0) return buffered.slice(0, nl).replace(/\r$/, '');
  }
  return buffered;
}

/** `tagih users add`: for operators creating the first admin or scripting accounts. */
export const usersAddCommand: CliCommand = {
  summary: 'Create a user (password from --password or the first line of stdin)',
  usage: `--username U --role ${ROLES.join('|')} [--team NAME] [--display-name NAME] [--password P]`,
  async run(args, ctx) {
    const { values } = parseArgs({
      args,
      options: { username: { type: 'string' }, role: { type: 'string' }, team: { type: 'string' }, 'display-name': { type: 'string' }, password: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    });
    if (!values.username) throw new UsageError('--username is required');
    if (!values.role) throw new UsageError('--role is required');
    const role = z.enum(ROLES).safeParse(values.role);
    if (!role.success) throw new InputError(`--role must be one of ${ROLES.join(', ')}`);
    const password = values.password ?? (await firstLine(ctx.stdin));
    if (password === '') throw new InputError('no password: pass --password or write it on stdin');
    const deps = await bootstrap(ctx.config);
    try {
      const actor = { ...SYSTEM_ACTOR, label: 'cli' };
      const team = values.team ? await ensureTeam(deps, actor, values.team) : null;
      const user = await createUser(deps, actor, { username: values.username, displayName: values['display-name'], role: role.data, teamId: team?.id ?? null, password }).catch((err: unknown) => {
        if (err instanceof AppError && (err.code === 'TAGIH_VALIDATION' || err.code === 'TAGIH_CONFLICT')) throw new InputError(err.message);
        throw err;
      });
      writeJsonLine(ctx.stdout, { id: user.id, username: user.username, role: user.role, team: team?.name ?? null });
      if (role.data === 'admin' || role.data === 'supervisor') ctx.stderr.write(`${user.username} must enrol TOTP at first sign-in\n`);
      return 0;
    } finally {
      await deps.db.close();
    }
  },
};
