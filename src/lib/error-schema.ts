import { z } from 'zod';
import { APP_ERROR_CODES } from './app-error.ts';

/** The one error body every route may answer with. */
export const errorBody = z.object({
  error: z.object({ code: z.enum(APP_ERROR_CODES), message: z.string(), details: z.unknown() }),
});

/** Declared on every route so OpenAPI shows the error shape. */
export const errorResponses = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody } as const;

/** Declared on rate-limited public routes (see lib/rate-limit.ts). */
export const rateLimitedResponse = { 429: errorBody } as const;
