/** Every unexpected-failure code Tagih answers with. Expected outcomes are values, not AppErrors. */
export const APP_ERROR_CODES = [
  'TAGIH_VALIDATION',
  'TAGIH_UNAUTHENTICATED',
  'TAGIH_MFA_REQUIRED',
  'TAGIH_FORBIDDEN',
  'TAGIH_NOT_FOUND',
  'TAGIH_CONFLICT',
  'TAGIH_LOCKED',
  'TAGIH_RATE_LIMITED',
  'TAGIH_PAYLOAD_TOO_LARGE',
  'TAGIH_BAD_SIGNATURE',
  'TAGIH_UNAVAILABLE',
  'TAGIH_INTERNAL',
] as const;
export type AppErrorCode = (typeof APP_ERROR_CODES)[number];

/** The HTTP status of each code; exhaustive so a new code cannot ship without one. */
export function httpStatusOf(code: AppErrorCode): number {
  switch (code) {
    case 'TAGIH_VALIDATION':
      return 400;
    case 'TAGIH_UNAUTHENTICATED':
    case 'TAGIH_BAD_SIGNATURE':
      return 401;
    case 'TAGIH_MFA_REQUIRED':
    case 'TAGIH_FORBIDDEN':
      return 403;
    case 'TAGIH_NOT_FOUND':
      return 404;
    case 'TAGIH_CONFLICT':
      return 409;
    case 'TAGIH_PAYLOAD_TOO_LARGE':
      return 413;
    case 'TAGIH_LOCKED':
      return 423;
    case 'TAGIH_RATE_LIMITED':
      return 429;
    case 'TAGIH_UNAVAILABLE':
      return 503;
    case 'TAGIH_INTERNAL':
      return 500;
    default:
      return assertUnreachable(code);
  }
}

export function assertUnreachable(value: never): never {
  throw new Error(`unreachable: ${String(value)}`);
}

/** The one exception type for failures; mapped once to `{"error":{"code","message","details"}}`. */
export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
  get statusCode(): number {
    return httpStatusOf(this.code);
  }
}
