import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/support/databases.ts';
import { testApp } from '../../../test/support/app.ts';
import { loginAs, type LoggedIn } from '../../../test/support/users.ts';
import type { Db } from '../../db/connection.ts';
import { createAccount } from './test-fixtures.ts';

const AT = new Date('2026-11-23T03:00:00Z');
const STATEMENT = [
  'date,description,amount,reference,currency',
  '2026-11-21,SETORAN VA,1250000,VA8808000000001,IDR',
  '2026-11-21,SETORAN TUNAI,750000,,IDR',
  '2026-11-21,BIAYA ADM,-6500,,IDR',
].join('\n');

function multipart(fileName: string, content: string) {
  const boundary = '----tagihstatement';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: text/csv\r\n\r\n`),
    Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload: body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe.each(testDatabases)('statement upload API on $name', (target) => {
  let db: Db;
  let app: FastifyInstance;
  let supervisor: LoggedIn;
  let agent: LoggedIn;
  let vaAccount: string;

  beforeAll(async () => {
    db = await target.open();
    let deps;
    ({ app, deps } = await testApp(db, { now: () => AT }));
    supervisor = await loginAs(app, deps, 'supervisor');
    agent = await loginAs(app, deps, 'agent');
    const base = { outstanding: 5_000_000n, oldestUnpaidDueDate: '2026-11-20', dpd: 3, bucket: '1-30', kol: 2, asOf: '2026-11-23' };
    ({ accountId: vaAccount } = await createAccount(db.kysely, { ...base, accountNo: 'KTA-0001', debtorName: 'Ani Wijaya', va: '8808000000001', installment: 1_250_000n }));
    await createAccount(db.kysely, { ...base, accountNo: 'KTA-0004', debtorName: 'Dewi Lestari', installment: 750_000n });
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  const upload = (who: LoggedIn, content: string, query = '') => {
    const up = multipart('stmt.csv', content);
    return app.inject({ method: 'POST', url: `/api/v1/payments/statements${query}`, payload: up.payload, headers: { ...up.headers, ...who.headers } });
  };
  const payments = async () => (await db.kysely.selectFrom('payments').select(['account_id', 'amount_idr']).execute()).map((p) => [p.account_id, p.amount_idr]);

  it('is refused to a role without payments:write, and books nothing', async () => {
    expect((await upload(agent, STATEMENT)).statusCode).toBe(403);
    expect(await payments()).toEqual([]);
  });

  it('rejects a malformed statement whole with line and field (422), importing nothing', async () => {
    const res = await upload(supervisor, `${STATEMENT}\n2026-11-21,TRF,12x,,IDR`);
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({ code: 'TAGIH_STATEMENT_REJECTED', line: 5, field: 'amount' });
    expect(await db.kysely.selectFrom('statement_imports').select('id').execute()).toEqual([]);
  });

  it('previews with dry_run=true without storing or booking anything', async () => {
    const res = await upload(supervisor, STATEMENT, '?dry_run=true');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ dry_run: true, summary: { matched: 1, suggested: 1, unmatched: 0 } });
    expect(await payments()).toEqual([]);
  });

  it('reconciles like `npx tagih reconcile`: books the unambiguous credit once, queues the rest, and a re-upload books nothing again', async () => {
    const res = await upload(supervisor, STATEMENT);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ dry_run: false, lines_total: 3, lines_new: 3, summary: { matched: 1, suggested: 1, unmatched: 0 } });
    expect(body.credits.map((c: { account_no: string | null; status: string; rule: string }) => [c.account_no, c.status, c.rule])).toEqual([
      ['KTA-0001', 'matched', 'va_reference'],
      ['KTA-0004', 'suggested', 'amount_date'],
    ]);
    expect(await payments()).toEqual([[vaAccount, 1_250_000n]]);
    const again = await upload(supervisor, STATEMENT);
    expect(again.json()).toMatchObject({ lines_new: 0, summary: { matched: 1, suggested: 1, unmatched: 0 } });
    expect(await payments()).toEqual([[vaAccount, 1_250_000n]]);
    const audit = await db.kysely.selectFrom('audit_log').select(['action', 'actor_label']).where('action', '=', 'statement.imported').execute();
    expect(audit).toHaveLength(2);
  });
});
