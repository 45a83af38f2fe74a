import { useState, type FormEvent } from 'react';
import { api, type ApiErrorBody } from '../api.ts';
import { ErrorBanner } from '../components/ErrorBanner.tsx';
import { useI18n } from '../i18n.ts';

/** The second step for roles that must pass TOTP (admin, supervisor). */
export function TotpForm({ onDone, onBack }: { onDone: () => void; onBack: () => void }) {
  const { t } = useI18n();
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiErrorBody | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const res = await api.verifyMfa(code);
    setBusy(false);
    if (res.ok) return onDone();
    setCode('');
    setError(res.error);
  };

  return (
    <form className="form" onSubmit={(e) => void submit(e)}>
      <h1 className="login-title">{t('mfa.title')}</h1>
      <p className="muted">{t('mfa.prompt')}</p>
      {error &&
        (error.code === 'TAGIH_UNAUTHENTICATED' || error.code === 'TAGIH_VALIDATION' ? (
          <div className="alert alert-error" role="alert" data-testid="login-error">
            {t('mfa.error.invalid')}
          </div>
        ) : (
          <ErrorBanner error={error} />
        ))}
      <label className="field">
        <span>{t('mfa.code')}</span>
        <input
          name="code"
          className="code-input"
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="\d{6}"
          maxLength={6}
          value={code}
          onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))}
          required
          autoFocus
        />
      </label>
      <button type="submit" className="btn btn-primary btn-block" disabled={busy || code.length !== 6}>
        {t('mfa.verify')}
      </button>
      <button type="button" className="btn btn-link" onClick={onBack}>
        {t('mfa.back')}
      </button>
    </form>
  );
}
