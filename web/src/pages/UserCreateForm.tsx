import { useState, type FormEvent } from 'react';
import { ROLES, type Role } from '../../../src/domain/permissions.ts';
import { api, type ApiErrorBody } from '../api.ts';
import { ErrorBanner } from '../components/ErrorBanner.tsx';
import { useI18n } from '../i18n.ts';

export function UserCreateForm({ onCreated }: { onCreated: () => void }) {
  const { t } = useI18n();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>('agent');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiErrorBody | null>(null);
  const [created, setCreated] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setCreated(null);
    const res = await api.createUser({ username: username.trim(), displayName: displayName.trim() || undefined, role, password });
    if (!res.ok) return setError(res.error);
    setCreated(res.data.username);
    setUsername('');
    setDisplayName('');
    setPassword('');
    onCreated();
  };

  return (
    <form className="card form" onSubmit={(e) => void submit(e)} data-testid="user-create">
      <h2 className="card-title">{t('users.create')}</h2>
      {error && <ErrorBanner error={error} />}
      {created && <div className="alert alert-ok">{t('users.createdOk', { name: created })}</div>}
      <div className="form-row">
        <label className="field">
          <span>{t('users.username')}</span>
          <input name="username" value={username} onChange={(e) => setUsername(e.target.value)} required pattern="[A-Za-z0-9._\-]{3,64}" />
        </label>
        <label className="field">
          <span>{t('users.displayName')}</span>
          <input name="displayName" value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
        </label>
        <label className="field">
          <span>{t('users.role')}</span>
          <select name="role" value={role} onChange={(e) => setRole(ROLES.find((r) => r === e.target.value) ?? 'agent')}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('users.password')}</span>
          <input name="password" type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        </label>
      </div>
      <div>
        <button type="submit" className="btn btn-primary">
          {t('users.create')}
        </button>
      </div>
    </form>
  );
}
