import { useState, type FormEvent } from 'react';
import { api } from '../api.ts';
import type { NextStep } from '../api-types.ts';
import { ErrorBanner } from '../components/ErrorBanner.tsx';
import { useI18n, type MessageKey } from '../i18n.ts';
import type { ApiErrorBody } from '../api.ts';

const LOGIN_ERRORS: Record<string, MessageKey> = {
  TAGIH_UNAUTHENTICATED: 'login.error.invalid',
  TAGIH_LOCKED: 'login.error.locked',
  TAGIH_RATE_LIMITED: 'login.error.throttled',
};

export function PasswordForm({ onDone }: { onDone: (next: NextStep) => void }) {
  const { t } = useI18n();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiErrorBody | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const res = await api.login(username.trim(), password);
    setBusy(false);
    if (res.ok) return onDone(res.data.next);
    setPassword('');
    setError(res.error);
  };

  const known = error ? LOGIN_ERRORS[error.code] : undefined;
  return (
    <form className="form" onSubmit={(e) => void submit(e)}>
      <h1 className="login-title">{t('login.title')}</h1>
      {error &&
        (known ? (
          <div className="alert alert-error" role="alert" data-testid="login-error">
            {t(known)}
          </div>
        ) : (
          <ErrorBanner error={error} />
        ))}
      <label className="field">
        <span>{t('login.username')}</span>
        <input name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required autoFocus />
      </label>
      <label className="field">
        <span>{t('login.password')}</span>
        <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
      </label>
      <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
        {busy ? t('login.submitting') : t('login.submit')}
      </button>
    </form>
  );
}
