import { useMemo, useState, type ReactNode } from 'react';
import { I18nContext, LANG_STORAGE_KEY, initialLang, translate, type I18n, type Lang } from '../i18n.ts';

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** Holds the UI language and remembers it across visits. */
export function LangProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => initialLang(storage()));
  const value = useMemo<I18n>(
    () => ({
      lang,
      t: (key, vars) => translate(lang, key, vars),
      setLang: (next) => {
        setLangState(next);
        document.documentElement.lang = next;
        try {
          storage()?.setItem(LANG_STORAGE_KEY, next);
        } catch {
          // Storage may be full or disabled; the choice then lasts for this visit only.
        }
      },
    }),
    [lang],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}
