import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { testDatabases } from '../../../test/support/databases.ts';
import { testApp } from '../../../test/support/app.ts';
import { loginAs, type LoggedIn } from '../../../test/support/users.ts';
import { seedDailyPortfolio } from '../../../bench/support/daily-portfolio.ts';
import type { Db } from '../../db/connection.ts';
import type { AppDeps } from '../../app-deps.ts';
import { DEFAULT_STRATEGY } from '../../domain/strategy/index.ts';
import { ensureDefaultStrategy } from './index.ts';

describe.each(testDatabases)('strategies API on $name', (target) => {
  let db: Db;
  let app: FastifyInstance;
  let deps: AppDeps;
  let admin: LoggedIn;
  let agent: LoggedIn;

  beforeAll(async () => {
    db = await target.open();
    ({ app, deps } = await testApp(db, { now: () => new Date('2026-03-20T03:00:00Z') }));
    await seedDailyPortfolio(db.kysely, { accounts: 300, baseDate: '2026-03-20' });
    expect(await ensureDefaultStrategy(db.kysely, { id: null, label: 'test' }, deps.now())).toEqual({ seeded: true });
    expect(await ensureDefaultStrategy(db.kysely, { id: null, label: 'test' }, deps.now())).toEqual({ seeded: false });
    admin = await loginAs(app, deps, 'admin');
    agent = await loginAs(app, deps, 'agent');
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  const call = (who: LoggedIn, method: 'GET' | 'POST', url: string, payload?: unknown) =>
    app.inject({ method, url: `/api/v1${url}`, headers: who.headers, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });

  it('lists the seeded default as the active version 1', async () => {
    const res = await call(admin, 'GET', '/strategies');
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toMatchObject([{ version: 1, status: 'active' }]);
    expect((await call(admin, 'GET', '/strategies/1')).json().definition.arms).toHaveLength(2);
    expect((await call(admin, 'GET', '/strategies/99')).statusCode).toBe(404);
  });

  it('refuses an invalid definition on save, naming the rule and the place', async () => {
    const bad = structuredClone(DEFAULT_STRATEGY.definition) as Record<string, unknown>;
    bad['arms'] = [{ code: 'champion', percent: 60 }, { code: 'challenger', percent: 30 }];
    const res = await call(admin, 'POST', '/strategies', { name: 'broken', definition: bad });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'TAGIH_VALIDATION', details: [{ path: 'arms', rule: 'arm_percentages' }] });
    const v = await call(admin, 'POST', '/strategies/validate', { definition: bad });
    expect(v.json()).toMatchObject({ ok: false, issues: [{ rule: 'arm_percentages' }] });
    expect((await call(admin, 'POST', '/strategies/validate', { definition: DEFAULT_STRATEGY.definition })).json()).toEqual({ ok: true, issues: [] });
  });

  it('creates a draft, simulates it without writing, activates it with an audit row', async () => {
    const def = structuredClone(DEFAULT_STRATEGY.definition);
    def.arms = [{ code: 'champion', percent: 50 }, { code: 'challenger', percent: 50 }];
    const created = await call(admin, 'POST', '/strategies', { name: '50/50 test', definition: def });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ version: 2, status: 'draft' });

    const before = await db.kysely.selectFrom('accounts').select(['id', 'dpd', 'bucket']).orderBy('id').execute();
    const sim = await call(admin, 'POST', '/strategies/2/simulate', { date: '2026-03-20', sample: 5 });
    expect(sim.statusCode).toBe(200);
    const body = sim.json();
    expect(body.accounts).toBe(300 - 2); // i % 101 = 0 are paid off
    const armTotal = body.segments.reduce((s: number, x: { accounts: number }) => s + x.accounts, 0);
    expect(armTotal).toBe(body.accounts);
    expect(body.treatments.length).toBeGreaterThan(0);
    expect(body.sample).toHaveLength(5);
    expect(body.sample[0].idempotency_key).toMatch(/^s2:/);
    expect(body.stopped.map((s: { reason: string }) => s.reason)).toEqual(expect.arrayContaining(['open_dispute', 'ptp_pending']));
    // Simulation writes nothing.
    expect(await db.kysely.selectFrom('accounts').select(['id', 'dpd', 'bucket']).orderBy('id').execute()).toEqual(before);
    expect(await db.kysely.selectFrom('strategy_treatments').selectAll().execute()).toEqual([]);
    expect(await db.kysely.selectFrom('work_items').selectAll().execute()).toEqual([]);

    const act = await call(admin, 'POST', '/strategies/2/activate');
    expect(act.statusCode).toBe(200);
    expect(act.json()).toMatchObject({ version: 2, status: 'active' });
    const all = (await call(admin, 'GET', '/strategies')).json().items;
    expect(all.map((s: { version: number; status: string }) => [s.version, s.status])).toEqual([
      [2, 'active'],
      [1, 'retired'],
    ]);
    const audits = await db.kysely.selectFrom('audit_log').select(['action', 'entity_id', 'actor_label']).where('entity_type', '=', 'strategy').orderBy('seq').execute();
    expect(audits.map((a) => [a.action, a.entity_id])).toEqual([
      ['strategy.activate', '1'],
      ['strategy.create', '2'],
      ['strategy.activate', '2'],
    ]);
    expect(audits[2]!.actor_label).toBe(admin.user.username);
  });

  it('is closed to roles without strategies:manage', async () => {
    expect((await call(agent, 'GET', '/strategies')).statusCode).toBe(403);
    expect((await call(agent, 'POST', '/strategies/1/activate')).statusCode).toBe(403);
  });
});
