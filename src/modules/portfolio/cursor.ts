import { AppError } from '../../lib/app-error.ts';

/** Opaque keyset cursors: base64url JSON of the last row's sort key. */
export function encodeCursor(key: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor<T extends Record<string, string | number>>(cursor: string, isValid: (v: unknown) => v is T): T {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (isValid(parsed)) return parsed;
  } catch {
    // fall through to the error below
  }
  throw new AppError('TAGIH_VALIDATION', 'invalid cursor', [{ path: '/cursor', message: 'not a cursor returned by this API' }]);
}
