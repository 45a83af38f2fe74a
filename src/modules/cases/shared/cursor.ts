import { AppError } from '../../../lib/app-error.ts';

/** Opaque keyset cursor `{at, id}`: base64url JSON of the last row's sort key. */
export interface TimeCursor {
  readonly at: string;
  readonly id: string;
}

export function encodeCursor(c: TimeCursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

export function decodeCursor(cursor: string): TimeCursor {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof v === 'object' && v !== null && typeof (v as TimeCursor).at === 'string' && typeof (v as TimeCursor).id === 'string' && !Number.isNaN(Date.parse((v as TimeCursor).at))) {
      return v as TimeCursor;
    }
  } catch {
    // fall through to the error below
  }
  throw new AppError('TAGIH_VALIDATION', 'invalid cursor', [{ path: '/cursor', message: 'not a cursor returned by this API' }]);
}
