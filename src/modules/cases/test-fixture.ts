/**
 * A small portfolio for the cases tests: the imports fixture (4 accounts, 3 debtors), two teams,
 * agents in each, a field agent and a supervisor, with KTA-0001 assigned to agent A1, KTA-0002 to
 * team A's pool, CC-0003 to agent B1 and PL-0004 unassigned.
 */
import { Readable } from 'node:stream';
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { testApp } from '../../../test/support/app.ts';
import { loginAs, type LoggedIn } from '../../../test/support/users.ts';
import type { TestDatabase } from '../../../test/support/databases.ts';
import type { AppDeps } from '../../app-deps.ts';
import type { Db } from '../../db/connection.ts';
import { importAccounts } from '../imports/service.ts';

const csv = readFileSync(new URL('../../../test/fixtures/imports/good.csv', import.meta.url));

export interface CasesFixture {
  db: Db;
  app: FastifyInstance;
  deps: AppDeps;
  clock: { now: Date };
  teamA: string;
  teamB: string;
  supervisor: LoggedIn;
  agentA1: LoggedIn;
  agentA2: LoggedIn;
  agentB1: LoggedIn;
  field: LoggedIn;
  compliance: LoggedIn;
  accounts: Record<'KTA-0001' | 'KTA-0002' | 'CC-0003' | 'PL-0004', { id: string; debtor_id: string }>;
  close(): Promise<void>;
}

/** Monday 30 November 2026, 10:00 WIB / 11:00 WITA / 12:00 WIT: inside every contact window. */
export const MONDAY_MORNING = new Date('2026-11-30T03:00:00Z');

export async function casesFixture(target: TestDatabase, env: Record<string, string> = {}): Promise<CasesFixture> {
  const db = await target.open();
  const clock = { now: MONDAY_MORNING };
  const { app, deps } = await testApp(db, { now: () => clock.now, env });
  await importAccounts(deps, Readable.from([csv]), { allowPartial: false, fileName: 'good.csv', actor: { id: null, label: 'test' } });
  const k = db.kysely;
  const teamA = (await k.insertInto('teams').values({ name: 'Desk A' }).returning('id').executeTakeFirstOrThrow()).id;
  const teamB = (await k.insertInto('teams').values({ name: 'Desk B' }).returning('id').executeTakeFirstOrThrow()).id;
  const supervisor = await loginAs(app, deps, 'supervisor', { teamId: teamA });
  const agentA1 = await loginAs(app, deps, 'agent', { teamId: teamA });
  const agentA2 = await loginAs(app, deps, 'agent', { teamId: teamA });
  const agentB1 = await loginAs(app, deps, 'agent', { teamId: teamB });
  const field = await loginAs(app, deps, 'field_agent', { teamId: teamA });
  const compliance = await loginAs(app, deps, 'compliance');
  const rows = await k.selectFrom('accounts').select(['id', 'debtor_id', 'account_no']).execute();
  const byNo = Object.fromEntries(rows.map((r) => [r.account_no, { id: r.id, debtor_id: r.debtor_id }])) as CasesFixture['accounts'];
  await k
    .insertInto('assignments')
    .values([
      { account_id: byNo['KTA-0001'].id, user_id: agentA1.user.id, team_id: teamA, reason: 'fixture' },
      { account_id: byNo['KTA-0002'].id, user_id: null, team_id: teamA, reason: 'fixture' },
      { account_id: byNo['CC-0003'].id, user_id: agentB1.user.id, team_id: teamB, reason: 'fixture' },
    ])
    .execute();
  return {
    db,
    app,
    deps,
    clock,
    teamA,
    teamB,
    supervisor,
    agentA1,
    agentA2,
    agentB1,
    field,
    compliance,
    accounts: byNo,
    async close() {
      await app.close();
      await db.close();
    },
  };
}

/** `app.inject` as a signed-in user. */
export function asUser(f: CasesFixture, who: LoggedIn) {
  return {
    get: (url: string) => f.app.inject({ method: 'GET', url, headers: who.headers }),
    post: (url: string, payload: object = {}) => f.app.inject({ method: 'POST', url, headers: who.headers, payload }),
    put: (url: string, payload: object = {}) => f.app.inject({ method: 'PUT', url, headers: who.headers, payload }),
    delete: (url: string) => f.app.inject({ method: 'DELETE', url, headers: who.headers }),
  };
}
