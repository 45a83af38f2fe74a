import type { SessionUser } from '../api-types.ts';
import { can } from '../../../src/domain/permissions.ts';
import { useI18n } from '../i18n.ts';
import type { Route } from '../router.ts';
import { LangToggle } from './LangToggle.tsx';
import { Link } from './Link.tsx';

/** Brand, role-aware navigation, who is signed in, language and sign-out. */
export function Header({ user, route, onLogout }: { user: SessionUser; route: Route; onLogout: () => void }) {
  const { t } = useI18n();
  const items = [
    { to: '/accounts', label: t('nav.accounts'), active: route.name === 'accounts' || route.name === 'debtor', show: can(user.role, 'portfolio:read') },
    { to: '/import', label: t('nav.import'), active: route.name === 'import', show: can(user.role, 'portfolio:import') },
    { to: '/users', label: t('nav.users'), active: route.name === 'users', show: can(user.role, 'users:manage') },
  ];
  return (
    <header className="header">
      <div className="header-inner">
        <Link to="/accounts" className="brand">
          <span className="brand-mark">T</span> {t('app.name')}
        </Link>
        <nav className="nav" aria-label="main">
          {items
            .filter((i) => i.show)
            .map((i) => (
              <Link key={i.to} to={i.to} className={i.active ? 'nav-link active' : 'nav-link'}>
                {i.label}
              </Link>
            ))}
        </nav>
        <div className="header-user">
          <span className="user-name" data-testid="current-user" title={t('header.signedInAs')}>
            {user.displayName || user.username}
          </span>
          <span className="user-role" data-testid="current-role">
            {t(`role.${user.role}`)}
          </span>
          <LangToggle />
          <button type="button" className="btn btn-ghost btn-small" onClick={onLogout}>
            {t('header.logout')}
          </button>
        </div>
      </div>
    </header>
  );
}
