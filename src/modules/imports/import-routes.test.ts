import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { testDatabases } from '../../../test/support/databases.ts';
import { testApp } from '../../../test/support/app.ts';
import { loginAs, type LoggedIn } from '../../../test/support/users.ts';
import type { Db } from '../../db/connection.ts';

const fixture = (name: string) => readFileSync(new URL(`../../../test/fixtures/imports/${name}`, import.meta.url));

function multipart(fileName: string, content: Buffer) {
  const boundary = '----tagihtest';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: text/csv\r\n\r\n`),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload: body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe.each(testDatabases)('import API on $name', (target) => {
  let db: Db;
  let app: FastifyInstance;
  let supervisor: LoggedIn;
  beforeAll(async () => {
    db = await target.open();
    const built = await testApp(db);
    app = built.app;
    supervisor = await loginAs(app, built.deps, 'supervisor');
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  it('rejects a bad file with 422, writes nothing, and serves the error report as CSV', async () => {
    const up = multipart('bad.csv', fixture('one-bad-row.csv'));
    const res = await app.inject({ method: 'POST', url: '/api/v1/imports/accounts', payload: up.payload, headers: { ...up.headers, ...supervisor.headers } });
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body).toMatchObject({ status: 'rejected', rejected: 1, inserted: 0, file_name: 'bad.csv' });
    expect(await db.kysely.selectFrom('accounts').select('id').execute()).toEqual([]);
    const report = await app.inject({ url: `/api/v1/imports/${body.id}/errors.csv`, headers: supervisor.headers });
    expect(report.headers['content-type']).toMatch(/text\/csv/);
    expect(report.body.split('\n')[0]).toBe('row,field,message');
    expect(report.body).toContain("3,province,unknown province 'Atlantis'");
  });

  it('imports a good file, then reports the finished job', async () => {
    const up = multipart('good.csv', fixture('good.csv'));
    const res = await app.inject({ method: 'POST', url: '/api/v1/imports/accounts', payload: up.payload, headers: { ...up.headers, ...supervisor.headers } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'succeeded', inserted: 4, rejected: 0 });
    const job = await app.inject({ url: `/api/v1/imports/${res.json().id}`, headers: supervisor.headers });
    expect(job.json()).toMatchObject({ status: 'succeeded', rows_read: 4, inserted: 4 });
  });

  it('answers 400 when no file is sent', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/imports/accounts', payload: 'x', headers: { 'content-type': 'text/plain', ...supervisor.headers } });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    expect(res.json().error.code).toBeDefined();
  });
});
