/** Message languages Tagih renders. Indonesian first: it is the default for debtors. */
export const LANGUAGES = ['id', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
