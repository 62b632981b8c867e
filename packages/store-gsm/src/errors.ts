/**
 * Failures → BackendError, every message written fresh: `GSM backend "name": <what> while
 * <doing>`, `doing` naming the secret path. Google's own texts (its error envelope, the token
 * endpoint's `error_description`) are kept short with every credential we hold blanked out
 * first; the request (Bearer token, signed assertion) never reaches an error.
 */
import { BackendError, type BackendFailure } from '@kici/core';
import type { Answer } from './http.js';

export interface ErrorContext {
  /** The backend name. */
  readonly backend: string;
  readonly timeoutMs: number;
  /** Values that must never appear in a message (access tokens). */
  readonly secrets: () => readonly string[];
}

export function backendError(
  context: ErrorContext,
  reason: BackendFailure,
  message: string,
): BackendError {
  return new BackendError(context.backend, reason, `GSM backend "${context.backend}": ${message}`);
}

const field = (value: unknown, key: string): unknown =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;

/** Google's text with known credentials blanked out, then cut to 200 characters. */
function googleSays(context: ErrorContext, text: unknown): string {
  if (typeof text !== 'string' || text === '') return '';
  let said = text;
  for (const secret of context.secrets()) {
    if (secret.length > 0) said = said.split(secret).join('[redacted]');
  }
  return `: ${said.slice(0, 200)}`;
}

/** A failure without an answer (see NetworkFailure's codes). */
export function networkError(
  context: ErrorContext,
  code: string,
  host: string,
  doing: string,
): BackendError {
  const fail = (reason: BackendFailure, message: string) => backendError(context, reason, message);
  if (code === 'TIMEOUT') {
    return fail('timeout', `no answer from ${host} within ${context.timeoutMs} ms while ${doing}`);
  }
  if (code === 'TOO_LARGE') return fail('bad_response', `answer too large while ${doing}`);
  if (/CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ERR_TLS|ERR_SSL|HOSTNAME|ALTNAME/.test(code)) {
    return fail(
      'unreachable',
      `TLS certificate of ${host} not trusted (${code}) while ${doing}; set caCert to the CA that signed it`,
    );
  }
  return fail('unreachable', `cannot reach ${host} (${code}) while ${doing}`);
}

const REASONS: Readonly<Record<string, BackendFailure>> = {
  UNAUTHENTICATED: 'auth_failed',
  PERMISSION_DENIED: 'forbidden',
  NOT_FOUND: 'not_found',
  FAILED_PRECONDITION: 'not_found',
  INVALID_ARGUMENT: 'invalid_path',
  OUT_OF_RANGE: 'invalid_path',
  RESOURCE_EXHAUSTED: 'unreachable',
  UNAVAILABLE: 'unreachable',
  INTERNAL: 'unreachable',
  DEADLINE_EXCEEDED: 'timeout',
};
const STATUS_OF_CODE: Readonly<Record<number, string>> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  502: 'UNAVAILABLE',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};
const HINTS: Readonly<Record<string, string>> = {
  UNAUTHENTICATED: 'the access token was refused',
  PERMISSION_DENIED:
    'permission denied (does the service account hold secretmanager.versions.access?)',
  NOT_FOUND: 'not found',
  FAILED_PRECONDITION: 'the version is not readable (disabled or destroyed)',
  RESOURCE_EXHAUSTED: 'rate limited',
  UNAVAILABLE: 'Secret Manager is unavailable',
  INTERNAL: 'Secret Manager failed',
};

/** The canonical status of a Secret Manager answer: its envelope's, else the HTTP code's. */
export function statusOf(answer: Answer): string {
  const status = field(field(answer.json, 'error'), 'status');
  if (typeof status === 'string' && /^[A-Z_]{1,40}$/.test(status)) return status;
  return STATUS_OF_CODE[answer.status] ?? 'UNKNOWN';
}

/** A Secret Manager answer outside 2xx, in Google's envelope `{error: {code, message, status}}`. */
export function apiError(context: ErrorContext, answer: Answer, doing: string): BackendError {
  if (answer.status >= 300 && answer.status < 400) {
    return backendError(
      context,
      'bad_response',
      `unexpected redirect (${answer.status}) while ${doing}; redirects are not followed`,
    );
  }
  const status = statusOf(answer);
  const what = HINTS[status] ?? 'unexpected answer';
  const said = googleSays(context, field(field(answer.json, 'error'), 'message'));
  return backendError(
    context,
    REASONS[status] ?? 'bad_response',
    `${what} (${answer.status} ${status}) while ${doing}${said}`,
  );
}

/** The token endpoint's refusal: `{error, error_description}` (400/401), or an outage. */
export function tokenError(context: ErrorContext, answer: Answer, host: string): BackendError {
  const doing = `getting an access token from ${host}`;
  if (answer.status >= 500 || answer.status === 429) {
    return backendError(
      context,
      'unreachable',
      `token endpoint answered ${answer.status} while ${doing}`,
    );
  }
  const code = field(answer.json, 'error');
  const error =
    typeof code === 'string' && /^[a-z_]{1,40}$/.test(code) ? code : String(answer.status);
  const said = googleSays(context, field(answer.json, 'error_description'));
  return backendError(
    context,
    'auth_failed',
    `the service account's credentials were refused (${error}${said}) while ${doing}; check the key file`,
  );
}
