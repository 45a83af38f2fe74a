import { useState, type FormEvent } from 'react';
import { can } from '../../../src/domain/permissions.ts';
import { api, type ApiErrorBody } from '../api.ts';
import type { ImportJobResult, SessionUser } from '../api-types.ts';
import { ErrorBanner } from '../components/ErrorBanner.tsx';
import { useI18n } from '../i18n.ts';
import { ImportResultView } from './ImportResultView.tsx';

/** Upload of the core system's accounts CSV; all-or-nothing unless the user allows a partial import. */
export function ImportPage({ user }: { user: SessionUser }) {
  const { t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [allowPartial, setAllowPartial] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiErrorBody | null>(null);
  const [result, setResult] = useState<ImportJobResult | null>(null);

  if (!can(user.role, 'portfolio:import')) return <ErrorBanner error={{ code: 'TAGIH_FORBIDDEN', message: '', details: null }} />;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return setError({ code: 'CLIENT_NO_FILE', message: t('import.noFile'), details: null });
    setBusy(true);
    setError(null);
    setResult(null);
    const res = await api.importAccounts(file, file.name, allowPartial);
    setBusy(false);
    if (res.ok) setResult(res.data);
    else setError(res.error);
  };

  return (
    <section className="page">
      <div className="page-head">
        <h1>{t('import.title')}</h1>
      </div>
      <form className="card form import-form" onSubmit={(e) => void submit(e)}>
        <p className="muted">{t('import.explain')}</p>
        <label className="field">
          <span>{t('import.file')}</span>
          <input name="file" type="file" accept=".csv,text/csv" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </label>
        <label className="check">
          <input name="allow_partial" type="checkbox" checked={allowPartial} onChange={(e) => setAllowPartial(e.target.checked)} />
          <span>{t('import.allowPartial')}</span>
        </label>
        <div>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? t('import.uploading') : t('import.submit')}
          </button>
        </div>
      </form>
      {error && <ErrorBanner error={error} />}
      {result && <ImportResultView result={result} />}
    </section>
  );
}
