import { describe, expect, it } from 'vitest';
import { cliTargets, runCli } from '../../../test/support/cli-db.ts';
import { bootstrap } from '../../bootstrap.ts';
import { verifyPassword } from './password.ts';

describe.each(cliTargets)('tagih users add on $name', (target) => {
  it('creates users from --password or stdin, with a team, and rejects bad input', async () => {
    const { config, cleanup } = await target.create();
    try {
      const a = await runCli(['users', 'add', '--username', 'Ops.Admin', '--role', 'admin', '--password', 'ops-admin-password'], config);
      expect(a.code).toBe(0);
      expect(JSON.parse(a.stdout)).toMatchObject({ username: 'ops.admin', role: 'admin', team: null });
      expect(a.stderr).toMatch(/TOTP/);

      const b = await runCli(['users', 'add', '--username', 'desk7', '--role', 'agent', '--team', 'Desk Medan'], config, 'desk7-password-x\nignored\n');
      expect(b.code).toBe(0);
      expect(JSON.parse(b.stdout)).toMatchObject({ username: 'desk7', role: 'agent', team: 'Desk Medan' });

      expect((await runCli(['users', 'add', '--username', 'desk7', '--role', 'agent', '--password', 'another-password'], config)).code).toBe(1);
      const weak = await runCli(['users', 'add', '--username', 'desk8', '--role', 'agent', '--password', 'short'], config);
      expect(weak.code).toBe(1);
      expect(weak.stderr).toMatch(/at least 10/);
      expect((await runCli(['users', 'add', '--username', 'desk9', '--role', 'boss', '--password', 'long-enough-pw'], config)).code).toBe(1);
      expect((await runCli(['users', 'add', '--username', 'desk9', '--role', 'agent'], config, '')).code).toBe(1);
      expect((await runCli(['users', 'add', '--role', 'agent'], config)).code).toBe(2);

      const deps = await bootstrap(config);
      try {
        const desk7 = await deps.db.kysely
          .selectFrom('users')
          .innerJoin('teams', 'teams.id', 'users.team_id')
          .select(['users.password_hash', 'teams.name'])
          .where('username', '=', 'desk7')
          .executeTakeFirstOrThrow();
        expect(desk7.name).toBe('Desk Medan');
        expect(desk7.password_hash).toMatch(/^\$argon2id\$/);
        expect(await verifyPassword(desk7.password_hash, 'desk7-password-x')).toBe(true);
        const audits = await deps.db.kysely.selectFrom('audit_log').select(['action', 'actor_label']).orderBy('seq').execute();
        expect(audits).toEqual([
          { action: 'user.created', actor_label: 'cli' },
          { action: 'team.created', actor_label: 'cli' },
          { action: 'user.created', actor_label: 'cli' },
        ]);
      } finally {
        await deps.db.close();
      }
    } finally {
      await cleanup();
    }
  });
});
