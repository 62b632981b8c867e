import * as v from 'valibot';
import { ApiError, ERROR_CODES, type ErrorCode, isErrorCode } from '../errors.js';
import type { RouteSpec } from '../routes.js';
import { validationError } from '../validation-error.js';

/**
 * Turns an HTTP answer into the route's validated response or an ApiError. Never quotes
 * the body of an answer it does not understand: it may be a proxy's page or an echo.
 */

// Lenient on purpose: a newer server's extra field must not hide its error message.
const ServerErrorSchema = v.object({
  error: v.object({
    code: v.string(),
    message: v.string(),
    field: v.optional(v.string()),
  }),
});

function codeForStatus(status: number): ErrorCode {
  const known = (Object.keys(ERROR_CODES) as ErrorCode[]).find((c) => ERROR_CODES[c] === status);
  return known ?? (status >= 500 ? 'internal' : 'invalid_input');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The validated response, or the ApiError the answer amounts to. */
export function readAnswer(route: RouteSpec, origin: string, response: Response, text: string) {
  const { status } = response;
  const where = `${route.method} ${route.path}`;

  if (response.ok || route.alsoAnswersWith?.includes(status)) {
    const result = v.safeParse(route.response, parseJson(text));
    if (result.success) return result.output;
    if (response.ok) {
      const detail = validationError(result.issues, 'response');
      throw new ApiError({
        status,
        code: 'invalid_response',
        message: `Unexpected answer from ${origin} to ${where}: ${detail.message}`,
        field: detail.field,
      });
    }
  }
  if (response.type === 'opaqueredirect' || (status >= 300 && status < 400)) {
    throw new ApiError({
      status,
      code: 'invalid_response',
      message: `The admin API at ${origin} redirected ${where}; use the final URL as the base URL`,
    });
  }
  const error = v.safeParse(ServerErrorSchema, parseJson(text));
  if (error.success) {
    const { code, message, field } = error.output.error;
    throw new ApiError({
      status,
      code: isErrorCode(code) ? code : codeForStatus(status),
      message,
      field,
    });
  }
  throw new ApiError({
    status,
    code: codeForStatus(status),
    message: `HTTP ${status} from ${origin} for ${where}`,
  });
}
