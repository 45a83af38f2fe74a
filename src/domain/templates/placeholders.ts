import { isTemplateVariable, type TemplateVariable } from './variables.ts';

/** `{{ name }}`; inner whitespace tolerated. Anything else with braces is malformed. */
const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

export interface TemplateIssue {
  readonly message: string;
  /** The placeholder text as written, when the issue is about one. */
  readonly placeholder?: string;
}

export type ParsedTemplate =
  | { readonly ok: true; readonly variables: readonly TemplateVariable[] }
  | { readonly ok: false; readonly issues: readonly TemplateIssue[] };

/**
 * Finds the placeholders of a template and refuses unknown ones and stray braces, so
 * saving a template fails loudly rather than sending `{{nama}}` to a debtor.
 * @example parseTemplate('Halo {{name}}') // {ok:true, variables:['name']}
 */
export function parseTemplate(text: string): ParsedTemplate {
  const issues: TemplateIssue[] = [];
  const variables = new Set<TemplateVariable>();
  for (const m of text.matchAll(PLACEHOLDER)) {
    const name = m[1] ?? '';
    if (isTemplateVariable(name)) variables.add(name);
    else issues.push({ placeholder: m[0], message: `unknown variable '${name}'` });
  }
  const leftover = text.replace(PLACEHOLDER, '');
  if (leftover.includes('{{') || leftover.includes('}}')) {
    issues.push({ message: 'unbalanced {{ or }} outside a placeholder' });
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, variables: [...variables] };
}

/** Replaces every well-formed placeholder using `lookup`; used by rendering after parsing passed. */
export function substitute(text: string, lookup: (variable: TemplateVariable) => string): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => (isTemplateVariable(name) ? lookup(name) : whole));
}
