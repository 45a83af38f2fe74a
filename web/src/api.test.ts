import { afterEach, describe, expect, it } from 'vitest';
import { api, CLIENT_ERROR_CODES, importErrorsUrl, queryString, setFetch, setUnauthenticatedHandler } from './api.ts';
import type { ImportJobResult } from './api-types.ts';

interface Call {
  readonly url: string;
  readonly init: RequestInit;
}

/** Answers every request with `respond` and records what was sent. */
function mockFetch(respond: (call: Call) => Response | Promise<Response>): Call[] {
  const calls: Call[] = [];
  setFetch(async (url, init) => {
    const call = { url, init };
    calls.push(call);
    return respond(call);
  });
  return calls;
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

afterEach(() => {
  setFetch((input, init) => fetch(input, init));
  setUnauthenticatedHandler(() => {});
});

describe('api client', () => {
  it('returns the server error shape as a value', async () => {
    mockFetch(() => json(423, { error: { code: 'TAGIH_LOCKED', message: 'too many failed attempts', details: null } }));
    const res = await api.login('sari', 'x');
    expect(res).toEqual({ ok: false, status: 423, error: { code: 'TAGIH_LOCKED', message: 'too many failed attempts', details: null } });
  });

  it('reports a session that ended, but not a wrong password at sign-in', async () => {
    let bounced = 0;
    setUnauthenticatedHandler(() => bounced++);
    mockFetch(() => json(401, { error: { code: 'TAGIH_UNAUTHENTICATED', message: 'sign in first', details: null } }));
    await api.login('sari', 'wrong');
    expect(bounced).toBe(0);
    await api.accounts({}, null);
    expect(bounced).toBe(1);
  });

  it('turns a network failure and a non-JSON error page into client error codes', async () => {
    mockFetch(() => Promise.reject(new TypeError('Failed to fetch')));
    const down = await api.creditors();
    expect(down.ok || down.error.code).toBe(CLIENT_ERROR_CODES.network);
    mockFetch(() => new Response('<html>502 Bad Gateway</html>', { status: 502 }));
    const proxy = await api.creditors();
    expect(proxy.ok || [proxy.status, proxy.error.code]).toEqual([502, CLIENT_ERROR_CODES.badResponse]);
  });

  it('sends only the filters that are set, plus the cursor', async () => {
    const calls = mockFetch(() => json(200, { items: [], next_cursor: null }));
    await api.accounts({ zone: 'Asia/Makassar', kol: 2, q: '', bucket: undefined }, 'abc', 50);
    expect(calls[0]?.url).toBe('/api/v1/accounts?zone=Asia%2FMakassar&kol=2&cursor=abc&limit=50');
    expect(queryString({ a: undefined, b: null, c: '', d: 0, e: false })).toBe('?d=0&e=false');
  });

  it('sends the purpose of an unmasked read as X-Tagih-Purpose, and none when there is none', async () => {
    const calls = mockFetch(() => json(200, {}));
    await api.debtor('d-1', 'Verifikasi sengketa');
    await api.debtor('d-1', null);
    expect((calls[0]?.init.headers as Record<string, string>)['x-tagih-purpose']).toBe('Verifikasi sengketa');
    expect(calls[1]?.init.headers).not.toHaveProperty('x-tagih-purpose');
  });

  it('uploads an import as multipart field "file" with allow_partial in the query', async () => {
    const answer: ImportJobResult = { id: 'job-1', status: 'completed', rows_read: 3, inserted: 2, updated: 0, rejected: 1, errors: [{ row: 2, field: 'phone', message: 'not a phone number' }] };
    const calls = mockFetch(() => json(200, answer));
    const res = await api.importAccounts(new Blob(['account_no\nA-1\n'], { type: 'text/csv' }), 'batch.csv', true);
    expect(res).toEqual({ ok: true, data: answer });
    expect(calls[0]?.url).toBe('/api/v1/imports/accounts?allow_partial=true');
    expect(calls[0]?.init.method).toBe('POST');
    const form = calls[0]?.init.body;
    expect(form).toBeInstanceOf(FormData);
    const file = (form as FormData).get('file');
    expect(file).toBeInstanceOf(Blob);
    expect((file as File).name).toBe('batch.csv');
    expect(await (file as Blob).text()).toBe('account_no\nA-1\n');
    // The browser sets the multipart boundary itself; a hand-set content-type would break it.
    expect(calls[0]?.init.headers).not.toHaveProperty('content-type');
    expect(importErrorsUrl('job-1')).toBe('/api/v1/imports/job-1/errors.csv');
  });
});
