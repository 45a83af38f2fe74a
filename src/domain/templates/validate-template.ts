import type { Channel } from '../contact-policy/channels.ts';
import type { Language } from './languages.ts';
import { lintMessage, type LintViolation } from './lint.ts';
import { parseTemplate, type TemplateIssue } from './placeholders.ts';

export interface TemplateValidation {
  readonly ok: boolean;
  /** Unknown variables and stray braces. */
  readonly syntax: readonly TemplateIssue[];
  /** Compliance lint of the template text. */
  readonly violations: readonly LintViolation[];
}

/**
 * The check to run when a template is saved: it must parse and pass the compliance lint
 * for the channel it will be sent on. Both lists are returned so the editor can show all.
 */
export function validateTemplate(text: string, options: { readonly channel: Channel; readonly language: Language }): TemplateValidation {
  const parsed = parseTemplate(text);
  const syntax = parsed.ok ? [] : parsed.issues;
  const { violations } = lintMessage(text, options);
  return { ok: syntax.length === 0 && violations.length === 0, syntax, violations };
}
