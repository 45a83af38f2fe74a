import { useEffect, useState, type FormEvent } from 'react';
import { api, type ApiErrorBody } from '../api.ts';
import { ErrorBanner } from '../components/ErrorBanner.tsx';
import { useI18n } from '../i18n.ts';

/** First sign-in of a role that requires TOTP: show the new secret once, then activate it with a code. */
export function MfaEnrollForm({ onDone, onBack }: { onDone: () => void; onBack: () => void }) {
  const { t } = useI18n();
  const [secret, setSecret] = useState<{ secret: string; otpauthUri: string } | null>(null);
  const [code, setCode] = useState('');
  const [error, setError] = useState<ApiErrorBody | null>(null);

  useEffect(() => {
    void api.enrollMfa().then((r) => (r.ok ? setSecret(r.data) : setError(r.error)));
  }, []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const res = await api.activateMfa(code);
    if (res.ok) return onDone();
    setCode('');
    setError(res.error);
  };

  return (
    <form className="form" onSubmit={(e) => void submit(e)}>
      <h1 className="login-title">{t('mfa.enroll.title')}</h1>
      <p className="muted">{t('mfa.enroll.prompt')}</p>
      {error && <ErrorBanner error={error} />}
      {secret && (
        <dl className="kv">
          <dt>{t('mfa.enroll.secret')}</dt>
          <dd>
            <code className="secret">{secret.secret}</code>
          </dd>
          <dt>{t('mfa.enroll.uri')}</dt>
          <dd>
            <code className="secret small">{secret.otpauthUri}</code>
          </dd>
        </dl>
      )}
      <label className="field">
        <span>{t('mfa.code')}</span>
        <input name="code" className="code-input" inputMode="numeric" maxLength={6} value={code} onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))} required />
      </label>
      <button type="submit" className="btn btn-primary btn-block" disabled={!secret || code.length !== 6}>
        {t('mfa.enroll.activate')}
      </button>
      <button type="button" className="btn btn-link" onClick={onBack}>
        {t('mfa.back')}
      </button>
    </form>
  );
}
