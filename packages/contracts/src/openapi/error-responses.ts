import { ERROR_CODES, type ErrorCode } from '../errors.js';
import type { RouteSpec } from '../route-spec.js';
import type { Credential } from './access.js';

export const ERROR_BODY_REF = '#/components/schemas/ErrorBody';

/** What each error status means wherever it is answered (403 says more where it can). */
const MEANING: Readonly<Record<number, string>> = {
  400: 'Invalid input: `field` names the input at fault',
  401: 'No credential, or one this route does not accept',
  403: 'The credential does not allow this',
  404: 'What the path names does not exist',
  409: 'The request conflicts with the current state',
  413: 'The body, or a value in it, is larger than the limit',
  429: 'Too many failed authentications from this address; retry later',
  500: 'An internal error (logged by the server, never with a secret value)',
  503: 'A secret backend is unavailable, or the server is not ready',
};

/** One error status a route can answer; `description` is set where it says more than MEANING. */
export interface ErrorStatus {
  readonly status: number;
  readonly description?: string;
}

/**
 * The error statuses a route can answer, derived from its table entry: input it validates
 * (400), a credential it checks (401, and 429 after too many failed ones from one address),
 * the permission core checks or a job credential's reach (403), a resource its path names
 * (404), a write that can meet the current state (409), a body (413). Every route can fail
 * inside (500); authenticated routes can reach a secret backend that is unavailable (503).
 */
export function errorStatusesOf(spec: RouteSpec, credential: Credential): ErrorStatus[] {
  const authenticated = credential !== 'none';
  const out: ErrorStatus[] = [];
  if (spec.params || spec.query || spec.body) out.push({ status: 400 });
  if (authenticated) out.push({ status: 401 });
  if (spec.permission) {
    out.push({ status: 403, description: `The token's role lacks \`${spec.permission}\`` });
  } else if (credential === 'job') {
    out.push({ status: 403, description: "The path names another run's or job's resource" });
  }
  if (spec.params) out.push({ status: 404 });
  if (authenticated && spec.method !== 'GET') out.push({ status: 409 });
  if (spec.body) out.push({ status: 413 });
  if (authenticated) out.push({ status: 429 });
  out.push({ status: 500 });
  if (authenticated) out.push({ status: 503 });
  return out.filter(({ status }) => !spec.alsoAnswersWith?.includes(status));
}

function codesOf(status: number): string {
  const codes = (Object.keys(ERROR_CODES) as ErrorCode[]).filter((c) => ERROR_CODES[c] === status);
  return codes.map((code) => `\`${code}\``).join(' or ');
}

/** A Response Object with the error body; its text names the codes of that status. */
export function errorResponse(status: number, description = MEANING[status] ?? 'Error') {
  return {
    description: `${description} (code ${codesOf(status)})`,
    content: { 'application/json': { schema: { $ref: ERROR_BODY_REF } } },
  };
}

/** `components.responses`: one shared error response per status, e.g. `Error404`. */
export function errorResponseComponents(): Record<string, ReturnType<typeof errorResponse>> {
  const statuses = [...new Set(Object.values(ERROR_CODES))].sort((a, b) => a - b);
  return Object.fromEntries(statuses.map((status) => [`Error${status}`, errorResponse(status)]));
}

/** An operation's answer for one error status: its own text, or the shared component. */
export function errorResponseOf({ status, description }: ErrorStatus) {
  return description
    ? errorResponse(status, description)
    : { $ref: `#/components/responses/Error${status}` };
}
