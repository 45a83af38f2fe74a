import type {
  AccountFilters,
  AccountSummary,
  CreateUserBody,
  Creditor,
  Debtor360,
  ImportJobResult,
  Interaction,
  LoginResponse,
  MeResponse,
  NewInteraction,
  Page,
  UserAdminView,
} from './api-types.ts';

/** The one error shape every route answers with: `{"error":{"code","message","details"}}`. */
export interface ApiErrorBody {
  readonly code: string;
  readonly message: string;
  readonly details: unknown;
}

/** Failures are values: pages branch on `ok` and show `error.code` in the user's language. */
export type ApiResult<T> = { readonly ok: true; readonly data: T } | { readonly ok: false; readonly status: number; readonly error: ApiErrorBody };

/** Codes the client produces itself, when no server answer could be read. */
export const CLIENT_ERROR_CODES = { network: 'CLIENT_NETWORK', badResponse: 'CLIENT_BAD_RESPONSE' } as const;

export const API_BASE = '/api/v1';

type Fetch = (input: string, init: RequestInit) => Promise<Response>;

let fetchImpl: Fetch = (input, init) => fetch(input, init);
let onUnauthenticated: () => void = () => {};

/** Lets tests substitute `fetch`; returns the previous one. */
export function setFetch(f: Fetch): Fetch {
  const prev = fetchImpl;
  fetchImpl = f;
  return prev;
}

/** Called when a protected call answers 401, so the app can drop back to the sign-in page. */
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

function isErrorBody(value: unknown): value is { error: ApiErrorBody } {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const e: unknown = value.error;
  return typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string' && 'message' in e && typeof e.message === 'string';
}

/** Builds `?a=1&b=x` from defined, non-empty values only. */
export function queryString(params: Record<string, string | number | boolean | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

interface RequestOptions {
  readonly json?: unknown;
  readonly form?: FormData;
  readonly headers?: Record<string, string>;
  /** Sign-in itself answers 401 for a wrong password; that must not bounce the user. */
  readonly expectUnauthenticated?: boolean;
  /** Statuses whose body is a result, not an error (a rejected import answers 422 with the job). */
  readonly resultStatuses?: readonly number[];
}

async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<ApiResult<T>> {
  const headers: Record<string, string> = { accept: 'application/json', ...opts.headers };
  let body: BodyInit | undefined;
  if (opts.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.json);
  } else if (opts.form) {
    body = opts.form;
  }
  let res: Response;
  try {
    res = await fetchImpl(`${API_BASE}${path}`, { method, headers, body, credentials: 'same-origin' });
  } catch (err) {
    return { ok: false, status: 0, error: { code: CLIENT_ERROR_CODES.network, message: err instanceof Error ? err.message : 'network error', details: null } };
  }
  let parsed: unknown = null;
  const text = await res.text();
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = null;
    }
  }
  if (res.ok || opts.resultStatuses?.includes(res.status)) {
    if (text && parsed === null) return { ok: false, status: res.status, error: { code: CLIENT_ERROR_CODES.badResponse, message: 'response is not JSON', details: null } };
    return { ok: true, data: parsed as T };
  }
  if (res.status === 401 && !opts.expectUnauthenticated) onUnauthenticated();
  const error = isErrorBody(parsed) ? parsed.error : { code: CLIENT_ERROR_CODES.badResponse, message: `HTTP ${res.status}`, details: null };
  return { ok: false, status: res.status, error };
}

export const api = {
  login: (username: string, password: string) => request<LoginResponse>('POST', '/auth/login', { json: { username, password }, expectUnauthenticated: true }),
  verifyMfa: (code: string) => request<{ mfaVerified: true }>('POST', '/auth/mfa/verify', { json: { code } }),
  enrollMfa: () => request<{ secret: string; otpauthUri: string }>('POST', '/auth/mfa/enroll'),
  activateMfa: (code: string) => request<{ mfaVerified: true }>('POST', '/auth/mfa/activate', { json: { code } }),
  me: () => request<MeResponse>('GET', '/auth/me', { expectUnauthenticated: true }),
  logout: () => request<{ signedOut: true }>('POST', '/auth/logout'),

  creditors: () => request<{ items: Creditor[] }>('GET', '/creditors'),
  accounts: (filters: AccountFilters, cursor: string | null, limit = 50) =>
    request<Page<AccountSummary>>('GET', `/accounts${queryString({ ...filters, cursor, limit })}`),
  /** `purpose` goes out as `X-Tagih-Purpose` and lands in the PII-read audit entry. */
  debtor: (id: string, purpose: string | null) =>
    request<Debtor360>('GET', `/debtors/${encodeURIComponent(id)}`, { headers: purpose ? { 'x-tagih-purpose': purpose } : {} }),
  logInteraction: (debtorId: string, body: NewInteraction) => request<Interaction>('POST', `/debtors/${encodeURIComponent(debtorId)}/interactions`, { json: body }),

  importAccounts: (file: Blob, fileName: string, allowPartial: boolean) => {
    const form = new FormData();
    form.append('file', file, fileName);
    return request<ImportJobResult>('POST', `/imports/accounts${queryString({ allow_partial: allowPartial })}`, { form, resultStatuses: [422] });
  },

  users: () => request<{ users: UserAdminView[] }>('GET', '/users'),
  createUser: (body: CreateUserBody) => request<UserAdminView>('POST', '/users', { json: body }),
};

/** Where the full error report of an import job downloads from (the session cookie authorises it). */
export function importErrorsUrl(jobId: string): string {
  return `${API_BASE}/imports/${encodeURIComponent(jobId)}/errors.csv`;
}
