import { useState, type FormEvent } from 'react';
import { useI18n, type MessageKey } from '../i18n.ts';

const PURPOSES = ['purpose.collection', 'purpose.dispute', 'purpose.dsr', 'purpose.audit', 'purpose.other'] as const satisfies readonly MessageKey[];
type PurposeKey = (typeof PURPOSES)[number];

/** Asks why personal data is being opened; the answer is sent with the read and kept in the audit log. */
export function PurposePrompt({ onSubmit }: { onSubmit: (purpose: string) => void }) {
  const { t } = useI18n();
  const [choice, setChoice] = useState<PurposeKey>('purpose.collection');
  const [detail, setDetail] = useState('');
  const text = [choice === 'purpose.other' ? '' : t(choice), detail.trim()].filter(Boolean).join(': ');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (text) onSubmit(text.slice(0, 200));
  };
  return (
    <form className="card purpose-card form" onSubmit={submit} data-testid="purpose-prompt">
      <h2>{t('purpose.title')}</h2>
      <p className="muted">{t('purpose.explain')}</p>
      <label className="field">
        <span>{t('purpose.label')}</span>
        <select name="purpose" value={choice} onChange={(e) => setChoice(PURPOSES.find((p) => p === e.target.value) ?? 'purpose.other')}>
          {PURPOSES.map((p) => (
            <option key={p} value={p}>
              {t(p)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('purpose.detail')}</span>
        <input name="purpose_detail" value={detail} maxLength={150} onChange={(e) => setDetail(e.target.value)} required={choice === 'purpose.other'} />
      </label>
      <button type="submit" className="btn btn-primary" disabled={!text}>
        {t('purpose.submit')}
      </button>
    </form>
  );
}
