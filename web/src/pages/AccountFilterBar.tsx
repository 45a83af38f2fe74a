import { useEffect, useState, type FormEvent } from 'react';
import { DEFAULT_BUCKET_CODES } from '../../../src/domain/buckets.ts';
import { api } from '../api.ts';
import type { AccountFilters, Creditor } from '../api-types.ts';
import { ZONES } from '../format.ts';
import { useI18n } from '../i18n.ts';

function numberOrUndefined(s: string): number | undefined {
  const n = Number.parseInt(s, 10);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

/**
 * Filters of the work list. Choices from a list apply at once; typed values (search, DPD range) apply on
 * Enter or "Terapkan", so the list does not reload on every keystroke.
 */
export function AccountFilterBar({ value, onChange }: { value: AccountFilters; onChange: (f: AccountFilters) => void }) {
  const { t } = useI18n();
  const [creditors, setCreditors] = useState<Creditor[]>([]);
  const [q, setQ] = useState(value.q ?? '');
  const [dpdMin, setDpdMin] = useState(value.dpd_min?.toString() ?? '');
  const [dpdMax, setDpdMax] = useState(value.dpd_max?.toString() ?? '');

  useEffect(() => {
    void api.creditors().then((r) => r.ok && setCreditors(r.data.items));
  }, []);

  const typed = (): AccountFilters => ({ ...value, q: q.trim() || undefined, dpd_min: numberOrUndefined(dpdMin), dpd_max: numberOrUndefined(dpdMax) });
  const pick = (patch: AccountFilters) => onChange({ ...typed(), ...patch });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onChange(typed());
  };
  const reset = () => {
    setQ('');
    setDpdMin('');
    setDpdMax('');
    onChange({});
  };

  return (
    <form className="filters card" onSubmit={submit} aria-label="filters">
      <label className="field field-grow">
        <span>{t('accounts.search')}</span>
        <input name="q" type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder={t('accounts.searchHint')} />
      </label>
      <label className="field">
        <span>{t('accounts.bucket')}</span>
        <select name="bucket" value={value.bucket ?? ''} onChange={(e) => pick({ bucket: e.target.value || undefined })}>
          <option value="">{t('common.all')}</option>
          {DEFAULT_BUCKET_CODES.map((b) => (
            <option key={b} value={b}>
              {b === 'current' ? t('bucket.current') : b}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('accounts.kol')}</span>
        <select name="kol" value={value.kol?.toString() ?? ''} onChange={(e) => pick({ kol: numberOrUndefined(e.target.value) })}>
          <option value="">{t('common.all')}</option>
          {([1, 2, 3, 4, 5] as const).map((k) => (
            <option key={k} value={k}>
              {`Kol ${k} — ${t(`kol.${k}`)}`}
            </option>
          ))}
        </select>
      </label>
      <label className="field field-narrow">
        <span>{t('accounts.dpdMin')}</span>
        <input name="dpd_min" type="number" min={0} value={dpdMin} onChange={(e) => setDpdMin(e.target.value)} />
      </label>
      <label className="field field-narrow">
        <span>{t('accounts.dpdMax')}</span>
        <input name="dpd_max" type="number" min={0} value={dpdMax} onChange={(e) => setDpdMax(e.target.value)} />
      </label>
      <label className="field">
        <span>{t('accounts.zone')}</span>
        <select name="zone" value={value.zone ?? ''} onChange={(e) => pick({ zone: e.target.value || undefined })}>
          <option value="">{t('common.all')}</option>
          {ZONES.map((z) => (
            <option key={z.iana} value={z.iana}>
              {z.code}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('accounts.creditor')}</span>
        <select name="creditor" value={value.creditor ?? ''} onChange={(e) => pick({ creditor: e.target.value || undefined })}>
          <option value="">{t('common.all')}</option>
          {creditors.map((c) => (
            <option key={c.id} value={c.code}>
              {c.name === c.code ? c.code : `${c.name} (${c.code})`}
            </option>
          ))}
        </select>
      </label>
      <div className="filter-actions">
        <button type="submit" className="btn btn-primary">
          {t('accounts.apply')}
        </button>
        <button type="button" className="btn btn-ghost" onClick={reset}>
          {t('accounts.reset')}
        </button>
      </div>
    </form>
  );
}
