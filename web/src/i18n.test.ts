import { describe, expect, it } from 'vitest';
import { initialLang, LANG_STORAGE_KEY, MESSAGE_KEYS, translate } from './i18n.ts';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('i18n', () => {
  it('defaults to Indonesian and fills placeholders', () => {
    expect(translate('id', 'accounts.shown', { n: 4 })).toBe('4 rekening ditampilkan');
    expect(translate('en', 'accounts.shown', { n: 4 })).toBe('4 accounts shown');
    expect(translate('id', 'accounts.shown')).toBe('{n} rekening ditampilkan');
  });

  it('has an English text for every key with the same placeholders', () => {
    expect(MESSAGE_KEYS.length).toBeGreaterThan(100);
    for (const key of MESSAGE_KEYS) {
      const en = translate('en', key);
      expect(en, key).not.toBe('');
      expect(placeholders(en), key).toEqual(placeholders(translate('id', key)));
    }
  });

  it('remembers the chosen language and survives broken storage', () => {
    expect(initialLang({ getItem: (k) => (k === LANG_STORAGE_KEY ? 'en' : null) })).toBe('en');
    expect(initialLang({ getItem: () => 'fr' })).toBe('id');
    expect(initialLang(null)).toBe('id');
    expect(
      initialLang({
        getItem: () => {
          throw new Error('SecurityError');
        },
      }),
    ).toBe('id');
  });
});
