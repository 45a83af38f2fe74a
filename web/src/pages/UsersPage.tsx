import { can } from '../../../src/domain/permissions.ts';
import { api } from '../api.ts';
import type { SessionUser } from '../api-types.ts';
import { ErrorBanner } from '../components/ErrorBanner.tsx';
import { formatInstant } from '../format.ts';
import { useI18n } from '../i18n.ts';
import { useLoad } from '../use-load.ts';
import { Badge } from '../components/Badge.tsx';
import { UserCreateForm } from './UserCreateForm.tsx';

/** Admin-only list of staff accounts with a form to add one. */
export function UsersPage({ user }: { user: SessionUser }) {
  const { t, lang } = useI18n();
  const allowed = can(user.role, 'users:manage');
  const { loaded, reload } = useLoad(() => api.users(), 'users');
  if (!allowed) return <ErrorBanner error={{ code: 'TAGIH_FORBIDDEN', message: '', details: null }} />;
  return (
    <section className="page">
      <div className="page-head">
        <h1>{t('users.title')}</h1>
      </div>
      <UserCreateForm onCreated={reload} />
      {loaded.state === 'loading' && <p className="muted loading">{t('common.loading')}</p>}
      {loaded.state === 'error' && <ErrorBanner error={loaded.error} onRetry={reload} />}
      {loaded.state === 'ready' && (
        <div className="table-wrap card">
          <table className="table" data-testid="users-table">
            <thead>
              <tr>
                <th>{t('users.username')}</th>
                <th>{t('users.displayName')}</th>
                <th>{t('users.role')}</th>
                <th>{t('users.mfa')}</th>
                <th>{t('users.state')}</th>
                <th className="hide-sm">{t('users.created')}</th>
              </tr>
            </thead>
            <tbody>
              {loaded.data.users.map((u) => (
                <tr key={u.id}>
                  <td className="mono">{u.username}</td>
                  <td>{u.displayName}</td>
                  <td>{t(`role.${u.role}`)}</td>
                  <td>{u.mfaEnabled ? t('common.yes') : t('common.no')}</td>
                  <td>
                    {u.disabled ? (
                      <Badge tone="neutral">{t('users.disabled')}</Badge>
                    ) : u.lockedUntil && new Date(u.lockedUntil) > new Date() ? (
                      <Badge tone="high">{t('users.locked')}</Badge>
                    ) : (
                      <Badge tone="ok">{t('users.active')}</Badge>
                    )}
                  </td>
                  <td className="hide-sm muted small">{formatInstant(u.createdAt, lang, 'Asia/Jakarta')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
