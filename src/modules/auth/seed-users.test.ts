import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { testDatabases } from '../../../test/support/databases.ts';
import { testApp } from '../../../test/support/app.ts';
import type { AppDeps } from '../../app-deps.ts';
import type { Db } from '../../db/connection.ts';
import { DEMO_TOTP_SECRET, formatDemoUsers, seedDemoUsers } from './index.ts';
import { totpCode } from './totp.ts';

describe.each(testDatabases)('demo users on $name', (target) => {
  let db: Db;
  let app: FastifyInstance;
  let deps: AppDeps;
  beforeAll(async () => {
    db = await target.open();
    ({ app, deps } = await testApp(db));
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  it('creates the six demo users once, in the documented roles and team', async () => {
    const first = await seedDemoUsers(deps);
    expect(first.map((u) => [u.username, u.role, u.team])).toEqual([
      ['admin', 'admin', null],
      ['supervisor', 'supervisor', 'Desk Jakarta'],
      ['agent1', 'agent', 'Desk Jakarta'],
      ['agent2', 'agent', 'Desk Jakarta'],
      ['field1', 'field_agent', null],
      ['compliance', 'compliance', null],
    ]);
    expect(first.filter((u) => u.totpSecret).map((u) => u.username)).toEqual(['admin', 'supervisor']);
    expect(formatDemoUsers(first)).toContain(`MFA: add secret ${DEMO_TOTP_SECRET}`);
    expect(await seedDemoUsers(deps)).toEqual([]);
    expect(formatDemoUsers([])).toBe('');
    const teams = await db.kysely.selectFrom('teams').select('name').execute();
    expect(teams).toEqual([{ name: 'Desk Jakarta' }]);
  });

  it('lets a person sign in as the demo admin with the printed password and the demo TOTP secret', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: 'tagih-admin-demo' } });
    expect(res.json().next).toBe('mfa_verify');
    const headers = { cookie: `tagih_session=${res.cookies[0]!.value}` };
    const ok = await app.inject({ method: 'POST', url: '/api/v1/auth/mfa/verify', headers, payload: { code: totpCode(DEMO_TOTP_SECRET, new Date()) } });
    expect(ok.statusCode).toBe(200);
    expect((await app.inject({ url: '/api/v1/users', headers })).json().users).toHaveLength(6);
    const agent = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'agent1', password: 'tagih-agent1-demo' } });
    expect(agent.json()).toMatchObject({ next: 'none', user: { role: 'agent' } });
  });
});
