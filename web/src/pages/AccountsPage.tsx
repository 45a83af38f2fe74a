import { useCallback, useEffect, useRef, useState } from 'react';
import { api, type ApiErrorBody } from '../api.ts';
import type { AccountFilters, AccountSummary, SessionUser } from '../api-types.ts';
import { ErrorBanner } from '../components/ErrorBanner.tsx';
import { useI18n } from '../i18n.ts';
import { AccountFilterBar } from './AccountFilterBar.tsx';
import { AccountsTable } from './AccountsTable.tsx';

const PAGE_SIZE = 50;

interface ListState {
  readonly items: AccountSummary[];
  readonly nextCursor: string | null;
  readonly loading: boolean;
  readonly error: ApiErrorBody | null;
}

/** The work list: worst DPD first (the server's order), filtered, paged by an opaque cursor. Agents see only their accounts. */
export function AccountsPage(_props: { user: SessionUser }) {
  const { t } = useI18n();
  const [filters, setFilters] = useState<AccountFilters>({});
  const [list, setList] = useState<ListState>({ items: [], nextCursor: null, loading: true, error: null });
  // Each new filter set bumps the generation so answers to an older query are dropped.
  const generation = useRef(0);

  const load = useCallback(async (f: AccountFilters, cursor: string | null) => {
    const gen = cursor === null ? ++generation.current : generation.current;
    setList((s) => ({ ...s, items: cursor === null ? [] : s.items, loading: true, error: null }));
    const res = await api.accounts(f, cursor, PAGE_SIZE);
    if (gen !== generation.current) return;
    if (!res.ok) return setList((s) => ({ ...s, loading: false, error: res.error }));
    setList((s) => ({ items: cursor === null ? res.data.items : [...s.items, ...res.data.items], nextCursor: res.data.next_cursor, loading: false, error: null }));
  }, []);

  useEffect(() => {
    void load(filters, null);
  }, [filters, load]);

  return (
    <section className="page">
      <div className="page-head">
        <h1>{t('accounts.title')}</h1>
        <span className="muted" data-testid="accounts-count">
          {t('accounts.shown', { n: list.items.length })}
        </span>
      </div>
      <AccountFilterBar value={filters} onChange={setFilters} />
      {list.error && <ErrorBanner error={list.error} onRetry={() => void load(filters, list.items.length ? list.nextCursor : null)} />}
      <AccountsTable items={list.items} />
      {!list.loading && !list.error && list.items.length === 0 && <p className="empty">{t('accounts.empty')}</p>}
      {list.loading && <p className="muted loading">{t('common.loading')}</p>}
      {list.nextCursor && !list.loading && (
        <div className="load-more">
          <button type="button" className="btn" onClick={() => void load(filters, list.nextCursor)}>
            {t('accounts.loadMore')}
          </button>
        </div>
      )}
    </section>
  );
}
