import { formatRupiah, type Rupiah } from '../money.ts';
import { fail, ok, type Result } from '../result.ts';
import { formatDueDate } from './format-date.ts';
import type { Language } from './languages.ts';
import { parseTemplate, substitute } from './placeholders.ts';
import type { TemplateVariable } from './variables.ts';

/**
 * Values for rendering. All optional because a template uses only some; a variable the
 * template uses but that is missing here fails the render instead of sending a blank.
 */
export interface TemplateValues {
  readonly name?: string;
  readonly amount?: Rupiah;
  /** Calendar date `YYYY-MM-DD`. */
  readonly dueDate?: string;
  readonly paymentLink?: string;
  readonly vaNumber?: string;
  readonly creditorName?: string;
}

function valueOf(variable: TemplateVariable, values: TemplateValues, language: Language): string | null {
  switch (variable) {
    case 'name':
      return values.name ?? null;
    case 'amount':
      // Rp1.250.000 in both languages: the debtor pays in rupiah and sees this form on the VA.
      return values.amount === undefined ? null : formatRupiah(values.amount);
    case 'due_date':
      return values.dueDate === undefined ? null : formatDueDate(values.dueDate, language);
    case 'payment_link':
      return values.paymentLink ?? null;
    case 'va_number':
      return values.vaNumber ?? null;
    case 'creditor_name':
      return values.creditorName ?? null;
  }
}

/**
 * Renders a template for one debtor. Fails (as a value) on a malformed template, a
 * variable without a value, or an invalid due date — never sends a half-filled message.
 * @example renderTemplate('Tagihan {{amount}} jatuh tempo {{due_date}}', { amount: rupiah(1_250_000), dueDate: '2026-03-20' }, 'id')
 *   // ok('Tagihan Rp1.250.000 jatuh tempo Jumat, 20 Maret 2026')
 */
export function renderTemplate(text: string, values: TemplateValues, language: Language): Result<string> {
  const parsed = parseTemplate(text);
  if (!parsed.ok) return fail(parsed.issues.map((i) => i.message).join('; '));
  const resolved = new Map<TemplateVariable, string>();
  const missing: string[] = [];
  for (const variable of parsed.variables) {
    const value = valueOf(variable, values, language);
    if (value === null || value === '') missing.push(variable);
    else resolved.set(variable, value);
  }
  if (missing.length > 0) return fail(`no value for ${missing.map((v) => `{{${v}}}`).join(', ')}`);
  return ok(substitute(text, (v) => resolved.get(v) ?? ''));
}
