import { useI18n } from '../i18n.ts';

export function LangToggle() {
  const { lang, setLang, t } = useI18n();
  return (
    <button type="button" className="btn btn-ghost btn-small" data-testid="lang-toggle" onClick={() => setLang(lang === 'id' ? 'en' : 'id')} title={t('lang.toggle')}>
      {lang === 'id' ? 'EN' : 'ID'}
    </button>
  );
}
