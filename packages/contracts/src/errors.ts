import * as v from 'valibot';

/** Every error code the admin API answers with, and its HTTP status. */
export const ERROR_CODES = {
  invalid_input: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  internal: 500,
  backend_unavailable: 503,
  not_ready: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

const CODES = Object.keys(ERROR_CODES) as [ErrorCode, ...ErrorCode[]];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_CODES, value);
}

/** `{ "error": { "code", "message", "field"? } }`: the body of every non-2xx answer. */
export const ErrorBodySchema = v.strictObject({
  error: v.strictObject({
    code: v.picklist(CODES, `code: expected one of ${CODES.join(', ')}`),
    message: v.string('message: expected a string'),
    field: v.optional(v.string('field: expected a string')),
  }),
});

export type ErrorBody = v.InferOutput<typeof ErrorBodySchema>;
export type ErrorDetail = ErrorBody['error'];

/** The error body for `code`; `field` names the input at fault, by its dotted path. */
export function errorBody(code: ErrorCode, message: string, field?: string): ErrorBody {
  return { error: field === undefined ? { code, message } : { code, message, field } };
}

/**
 * Errors raised by the client without an HTTP answer to report (status 0): `unreachable`
 * (connection failed), `timeout`, and `invalid_response` (an answer that is not what the
 * route's response schema says, which also keeps the HTTP status it came with).
 */
export type ClientErrorCode = 'unreachable' | 'timeout' | 'invalid_response';

export type ApiErrorCode = ErrorCode | ClientErrorCode;

export interface ApiErrorInit {
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly message: string;
  readonly field?: string | undefined;
  readonly cause?: unknown;
}

/**
 * What the typed client throws: the server's error (status, code, message, field) or one of
 * the client's own. Its message never holds a token or a secret value.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  /** The HTTP status; 0 when no HTTP answer was received or needed. */
  readonly status: number;
  readonly code: ApiErrorCode;
  /** The dotted path of the input at fault, when the error is about one field. */
  declare readonly field?: string;

  constructor(init: ApiErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.status = init.status;
    this.code = init.code;
    if (init.field !== undefined) this.field = init.field;
  }
}
