/** Message templates: placeholders, rendering, and the compliance lint. Pure. */
export { LANGUAGES } from './languages.ts';
export type { Language } from './languages.ts';
export { TEMPLATE_VARIABLES, isTemplateVariable } from './variables.ts';
export type { TemplateVariable } from './variables.ts';
export { parseTemplate } from './placeholders.ts';
export type { ParsedTemplate, TemplateIssue } from './placeholders.ts';
export { formatDueDate } from './format-date.ts';
export { renderTemplate } from './render.ts';
export type { TemplateValues } from './render.ts';
export { LINT_RULES, LEXICON } from './lexicon.ts';
export type { LintRule, LexiconEntry } from './lexicon.ts';
export { lintMessage } from './lint.ts';
export type { LintOptions, LintResult, LintViolation } from './lint.ts';
export { normalizeForLint } from './normalize.ts';
export { validateTemplate } from './validate-template.ts';
export type { TemplateValidation } from './validate-template.ts';
