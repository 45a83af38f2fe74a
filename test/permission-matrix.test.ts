/**
 * Every route the app registers × every role (and anonymous) against the permission table.
 * Routes are collected with an `onRoute` hook on the real app, so routes added by any module later
 * are covered without touching this file.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { testDatabases } from './support/databases.ts';
import { testApp } from './support/app.ts';
import { createUser, sessionFor, type TestUser } from './support/users.ts';
import type { AppDeps } from '../src/app-deps.ts';
import { isPluginRoute } from '../src/app.ts';
import type { Db } from '../src/db/connection.ts';
import { can, requiresMfa, ROLES, type Role } from '../src/domain/permissions.ts';
import type { RouteAccess } from '../src/lib/route-access.ts';

const collected = vi.hoisted(() => [] as { method: string; url: string; access: RouteAccess | undefined; config: object | undefined }[]);

// buildApp creates its own Fastify instance; wrap the factory so the hook is there before any route.
vi.mock('fastify', async (importOriginal) => {
  const mod = await importOriginal<typeof import('fastify')>();
  const original = mod.default;
  const wrapped = (...args: unknown[]) => {
    const app = (original as unknown as (...a: unknown[]) => FastifyInstance)(...args);
    app.addHook('onRoute', (route: RouteOptions) => {
      const methods: readonly string[] = Array.isArray(route.method) ? route.method : [route.method as string];
      for (const method of methods) collected.push({ method, url: route.url, access: route.config?.access, config: route.config });
    });
    return app;
  };
  return { ...mod, default: wrapped };
});

/** A concrete URL for a route pattern: every parameter gets a well-formed id that matches nothing. */
function concreteUrl(pattern: string): string {
  return pattern.replace(/:[A-Za-z0-9_]+/g, '00000000-0000-4000-8000-000000000000').replace(/\*/g, 'x');
}

describe.each(testDatabases)('permission matrix on $name', (target) => {
  let db: Db;
  let app: FastifyInstance;
  let deps: AppDeps;
  const users = new Map<Role, TestUser>();
  let routes: { method: string; url: string; access: RouteAccess }[] = [];

  beforeAll(async () => {
    collected.length = 0;
    db = await target.open();
    ({ app, deps } = await testApp(db));
    for (const role of ROLES) users.set(role, await createUser(deps, { role }));
    const seen = new Set<string>();
    routes = collected
      .filter((r) => r.method !== 'HEAD' && r.method !== 'OPTIONS')
      .flatMap((r) => (r.access ? [{ method: r.method, url: r.url, access: r.access }] : []))
      .filter((r) => !seen.has(`${r.method} ${r.url}`) && seen.add(`${r.method} ${r.url}`) !== undefined);
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  const call = (r: { method: string; url: string }, headers: Record<string, string> = {}) =>
    app.inject({
      method: r.method as 'GET',
      url: concreteUrl(r.url),
      headers,
      ...(['POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method) ? { payload: {} } : {}),
    });

  it('sees the routes of every module, including ones it does not know by name', () => {
    const names = routes.map((r) => `${r.method} ${r.url}`);
    expect(names).toEqual(expect.arrayContaining(['GET /healthz', 'POST /api/v1/auth/login', 'GET /api/v1/auth/me', 'GET /api/v1/users', 'PATCH /api/v1/users/:id']));
    // Only the routes declared without access are plugin routes (docs, static files of web/dist when built).
    const undeclared = collected.filter((r) => !r.access);
    expect(undeclared.filter((r) => !isPluginRoute(r.url, r.config)).map((r) => r.url)).toEqual([]);
    expect(undeclared.some((r) => r.url.startsWith('/docs'))).toBe(true);
  });

  it('answers 401 to anonymous callers on every non-public route', async () => {
    for (const r of routes) {
      const res = await call(r);
      if ('public' in r.access) expect(res.statusCode, `${r.method} ${r.url}`).not.toBe(401);
      else expect({ route: `${r.method} ${r.url}`, status: res.statusCode, code: res.json().error?.code }).toEqual({ route: `${r.method} ${r.url}`, status: 401, code: 'TAGIH_UNAUTHENTICATED' });
    }
  });

  it('answers every role by the role × action table', async () => {
    const mismatches: string[] = [];
    for (const role of ROLES) {
      for (const r of routes) {
        if ('public' in r.access) continue;
        // A fresh session per call: a route may end it (logout) or change the user.
        const { headers } = await sessionFor(deps, users.get(role)!);
        const res = await call(r, headers);
        const allowed = 'authenticated' in r.access || can(role, r.access.action);
        const ok = allowed ? res.statusCode !== 401 && res.statusCode !== 403 : res.statusCode === 403 && res.json().error.code === 'TAGIH_FORBIDDEN';
        if (!ok) mismatches.push(`${role} ${r.method} ${r.url}: expected ${allowed ? 'allowed' : '403 TAGIH_FORBIDDEN'}, got ${res.statusCode} ${res.body.slice(0, 120)}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('holds admin and supervisor at 403 TAGIH_MFA_REQUIRED until the second factor is passed', async () => {
    const mismatches: string[] = [];
    for (const role of ROLES.filter(requiresMfa)) {
      for (const r of routes) {
        if ('public' in r.access) continue;
        const { headers } = await sessionFor(deps, users.get(role)!, { mfaVerified: false });
        const res = await call(r, headers);
        const open = 'authenticated' in r.access && r.access.allowWithoutMfa === true;
        const ok = open ? res.statusCode !== 401 && res.statusCode !== 403 : res.statusCode === 403 && res.json().error.code === 'TAGIH_MFA_REQUIRED';
        if (!ok) mismatches.push(`${role} ${r.method} ${r.url}: got ${res.statusCode} ${res.body.slice(0, 120)}`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});
