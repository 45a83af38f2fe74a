import type { RowError } from './account-row.ts';

const PII_FIELDS = new Set(['phone', 'nik', 'email', 'address', 'birth_date']);

/**
 * Error messages quote the rejected value, which helps the operator at the terminal; the copy kept in
 * `import_jobs` must not hold PII in plain text, so quoted values of PII fields are replaced there.
 */
export function redactPiiErrors(errors: readonly RowError[]): RowError[] {
  return errors.map((e) => (PII_FIELDS.has(e.field) ? { ...e, message: e.message.replace(/"[^"]*"|'[^']*'/g, '"[redacted]"') } : e));
}
