import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { testDatabases } from '../../../test/support/databases.ts';
import { testApp } from '../../../test/support/app.ts';
import type { Db } from '../../db/connection.ts';

describe.each(testDatabases)('platform routes on $name', (target) => {
  let db: Db;
  let app: FastifyInstance;
  beforeAll(async () => {
    db = await target.open();
    ({ app } = await testApp(db));
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  it('answers health and readiness', async () => {
    expect((await app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const ready = await app.inject({ url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', database: target.name });
  });

  it('serves the OpenAPI document', async () => {
    const res = await app.inject({ url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    expect(res.json().openapi).toMatch(/^3\./);
  });

  it('answers unknown API paths with the one error shape', async () => {
    const res = await app.inject({ url: '/api/v1/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'TAGIH_NOT_FOUND', message: expect.any(String), details: null } });
  });
});
