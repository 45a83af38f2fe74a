/**
 * The outcome of an operation whose failure is expected (bad input, a rule saying no).
 * Failures are values so callers must look at them; exceptions are kept for programming errors.
 *
 * @example const r = parseRupiah('Rp1.000'); if (r.ok) use(r.value); else report(r.message);
 */
export type Result<T> = { ok: true; value: T } | { ok: false; message: string };

/** Wraps a successful value. */
export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

/** Wraps an expected failure with a message meant for the person who supplied the input. */
export function fail(message: string): { ok: false; message: string } {
  return { ok: false, message };
}
