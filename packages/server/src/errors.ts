import { KiciError, type KiciErrorCode } from '@kici/core';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** The one place where error codes become HTTP statuses. */
const STATUS: Record<KiciErrorCode, ContentfulStatusCode> = {
  invalid_input: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  backend_unavailable: 503,
  internal: 500,
};

export function errorResponse(c: Context, error: KiciError) {
  const body = {
    error: {
      code: error.code,
      message: error.message,
      ...(error.field ? { field: error.field } : {}),
    },
  };
  return c.json(body, STATUS[error.code]);
}

/** Hono's onError: known errors keep their message; anything else is a bare 500. */
export function handleError(log: (line: string) => void) {
  return (error: Error, c: Context) => {
    if (error instanceof KiciError) return errorResponse(c, error);
    // The name only: driver errors can carry query parameters, which may be secret.
    log(`internal error on ${c.req.method} ${c.req.routePath}: ${error.name}`);
    return errorResponse(c, new KiciError('internal', 'Internal server error'));
  };
}
