import { useCallback, useEffect, useState } from 'react';
import { api, setUnauthenticatedHandler } from './api.ts';
import type { NextStep, SessionUser } from './api-types.ts';
import { Header } from './components/Header.tsx';
import { useI18n, type MessageKey } from './i18n.ts';
import { AccountsPage } from './pages/AccountsPage.tsx';
import { DebtorPage } from './pages/DebtorPage.tsx';
import { ImportPage } from './pages/ImportPage.tsx';
import { LoginScreen } from './pages/LoginScreen.tsx';
import { UsersPage } from './pages/UsersPage.tsx';
import { navigate, useRoute, type Route } from './router.ts';

type Session =
  | { readonly state: 'loading' }
  | { readonly state: 'signed_out'; readonly notice: MessageKey | null }
  | { readonly state: 'second_factor'; readonly next: Exclude<NextStep, 'none'> }
  | { readonly state: 'signed_in'; readonly user: SessionUser };

function Page({ route, user }: { route: Route; user: SessionUser }) {
  const { t } = useI18n();
  switch (route.name) {
    case 'accounts':
    case 'login':
      return <AccountsPage user={user} />;
    case 'debtor':
      return <DebtorPage id={route.id} user={user} />;
    case 'import':
      return <ImportPage user={user} />;
    case 'users':
      return <UsersPage user={user} />;
    case 'not_found':
      return <p className="empty">{t('error.notFound')}</p>;
  }
}

/** Session gate: asks the server who we are, then shows sign-in (and its second factor) or the pages. */
export function App() {
  const route = useRoute();
  const [session, setSession] = useState<Session>({ state: 'loading' });

  const refresh = useCallback(async () => {
    const me = await api.me();
    if (!me.ok) return setSession({ state: 'signed_out', notice: null });
    if (me.data.next !== 'none') return setSession({ state: 'second_factor', next: me.data.next });
    setSession({ state: 'signed_in', user: me.data.user });
  }, []);

  useEffect(() => {
    setUnauthenticatedHandler(() => setSession({ state: 'signed_out', notice: 'error.sessionExpired' }));
    void refresh();
  }, [refresh]);

  useEffect(() => {
    if (session.state === 'signed_in' && route.name === 'login') navigate('/accounts', { replace: true });
  }, [session, route.name]);

  const logout = async () => {
    await api.logout();
    setSession({ state: 'signed_out', notice: null });
    navigate('/login');
  };

  if (session.state === 'loading') return <div className="splash">Tagih…</div>;
  if (session.state !== 'signed_in') {
    return (
      <LoginScreen
        initialStep={session.state === 'second_factor' ? session.next : 'password'}
        notice={session.state === 'signed_out' ? session.notice : null}
        onSignedIn={() => void refresh()}
      />
    );
  }
  return (
    <div className="shell">
      <Header user={session.user} route={route} onLogout={() => void logout()} />
      <main className="main">
        <Page route={route} user={session.user} />
      </main>
    </div>
  );
}
