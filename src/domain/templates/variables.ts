/**
 * The only placeholders a template may use. A closed list so a typo such as `{{nama}}`
 * is refused when the template is saved instead of reaching a debtor as literal braces.
 */
export const TEMPLATE_VARIABLES = ['name', 'amount', 'due_date', 'payment_link', 'va_number', 'creditor_name'] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];

export function isTemplateVariable(name: string): name is TemplateVariable {
  return (TEMPLATE_VARIABLES as readonly string[]).includes(name);
}
