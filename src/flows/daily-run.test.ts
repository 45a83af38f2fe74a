import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../test/support/app.ts';
import { testDatabases } from '../../test/support/databases.ts';
import { loginAs, type LoggedIn } from '../../test/support/users.ts';
import type { AppDeps } from '../app-deps.ts';
import type { Db } from '../db/connection.ts';
import { runDaily } from '../modules/daily/index.ts';
import { createAccount } from '../modules/payments/test-fixtures.ts';
import { dailySteps } from './daily-run.ts';

describe.each(testDatabases)('daily batch with the plans step on $name', (target) => {
  let db: Db;
  let app: FastifyInstance;
  let deps: AppDeps;
  let supervisor: LoggedIn;
  let clock = new Date('2026-11-23T03:00:00Z');

  beforeAll(async () => {
    db = await target.open();
    ({ app, deps } = await testApp(db, { now: () => clock }));
    supervisor = await loginAs(app, deps, 'supervisor');
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  const run = (iso: string) => {
    const at = new Date(iso);
    clock = at;
    return runDaily(db.kysely, { at, batchZone: 'Asia/Jakarta', planner: null, steps: dailySteps(deps) });
  };

  it('keeps a restructured account in the batch, stops collection while its plan is in force, and treats it again once the plan is breached', async () => {
    const { accountId } = await createAccount(db.kysely, {
      accountNo: 'FL-2001',
      outstanding: 6_000_000n,
      oldestUnpaidDueDate: '2026-11-01',
      dpd: 22,
      bucket: '1-30',
      kol: 2,
      asOf: '2026-11-23',
      schedule: [{ seq: 1, dueDate: '2026-11-01', principal: 6_000_000n }],
      openCase: true,
    });
    const p = await app.inject({ method: 'POST', url: `/api/v1/accounts/${accountId}/plans`, headers: supervisor.headers, payload: { kind: 'restructure', instalments: 6, first_payment_idr: '1000000', first_due_date: '2026-12-01' } });
    expect(p.statusCode).toBe(201);
    expect((await app.inject({ method: 'POST', url: `/api/v1/plans/${p.json().id}/approve`, headers: supervisor.headers, payload: { reason: 'job loss' } })).statusCode).toBe(200);

    const inForce = await run('2026-11-24T19:00:00Z');
    expect(inForce.accounts).toBe(1); // restructured, still evaluated (DPD recomputed on the plan schedule)
    expect(inForce.stopped['hardship_plan']).toBe(1);
    expect(inForce.steps['plans']).toEqual({ checked: 1, breached: 0, completed: 0 });

    // First instalment 2026-12-01 unpaid, 7 days' grace: breached on 12-09, and collection resumes the same run.
    const breached = await run('2026-12-08T19:00:00Z');
    expect(breached.steps['plans']).toEqual({ checked: 1, breached: 1, completed: 0 });
    expect(breached.accounts).toBe(1);
    expect(breached.stopped['hardship_plan']).toBe(0);
    const plan = await db.kysely.selectFrom('payment_plans').select('status').where('id', '=', p.json().id).executeTakeFirstOrThrow();
    expect(plan.status).toBe('breached');
    const acc = await db.kysely.selectFrom('accounts').select(['dpd', 'status']).where('id', '=', accountId).executeTakeFirstOrThrow();
    expect(acc).toEqual({ dpd: 8, status: 'restructured' });
  });
});
