import { ApiError, ERROR_CODES } from '@kici/contracts';
import { KiciError, type KiciErrorCode, RateLimitedError } from '@kici/core';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ClientClosedError } from './body.js';

// The API's code → status table lives in @kici/contracts; every core code must be in it.
const STATUS: Record<KiciErrorCode, ContentfulStatusCode> = ERROR_CODES;

export function errorResponse(c: Context, error: KiciError) {
  // A 429 says when to come back.
  if (error instanceof RateLimitedError) c.header('Retry-After', String(error.retryAfterSeconds));
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
    if (error instanceof KiciError) {
      // A named server-side failure (a stored value that fails its integrity check): the
      // operator sees it in the log too. Its message names the row, never a value.
      if (error.code === 'internal')
        log(`internal error on ${c.req.method} ${c.req.routePath}: ${error.message}`);
      return errorResponse(c, error);
    }
    // The client went away mid-request (or Node cut it off with a 408): nobody reads this
    // answer, and it is not a server error, so it is not logged as one.
    if (error instanceof ClientClosedError) {
      return errorResponse(c, new KiciError('invalid_input', 'body: connection closed', 'body'));
    }
    if (error instanceof ApiError && error.code in STATUS) {
      // From shapeResponse: an answer that does not fit its schema is a server bug. Its
      // message names the field, never a value, so it is logged and sent as it is.
      log(`internal error on ${c.req.method} ${c.req.routePath}: ${error.message}`);
      return errorResponse(
        c,
        new KiciError(error.code as KiciErrorCode, error.message, error.field),
      );
    }
    // The name only: driver errors can carry query parameters, which may be secret.
    log(`internal error on ${c.req.method} ${c.req.routePath}: ${error.name}`);
    return errorResponse(c, new KiciError('internal', 'Internal server error'));
  };
}
