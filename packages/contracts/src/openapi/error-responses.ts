import { ERROR_CODES, type ErrorCode } from '../errors.js';
import type { RouteSpec } from '../route-spec.js';
import type { Credential } from './access.js';

/** One error status a route can answer and the codes that come with it. */
export interface ErrorStatus {
  readonly status: number;
  readonly codes: readonly ErrorCode[];
  readonly description: string;
}

function codesOf(status: number): ErrorCode[] {
  return (Object.keys(ERROR_CODES) as ErrorCode[]).filter((code) => ERROR_CODES[code] === status);
}

/**
 * The error statuses a route can answer, derived from its table entry: input it validates
 * (400), a credential it checks (401, and 429 after too many failed ones from one address),
 * the permission core checks (403), a resource its path names (404), a write that can meet
 * the current state (409), a body (413). Every route can fail inside (500); routes reaching
 * a secret backend can find it unavailable (503).
 */
export function errorStatusesOf(spec: RouteSpec, credential: Credential): ErrorStatus[] {
  const out: [number, string][] = [];
  const input = spec.params || spec.query || spec.body;
  if (input) out.push([400, 'Invalid input: `field` names the input at fault']);
  if (credential !== 'none') {
    out.push([401, 'No credential, or one this route does not accept']);
  }
  if (spec.permission) {
    out.push([403, `The token's role lacks the permission \`${spec.permission}\``]);
  } else if (credential === 'job') {
    out.push([403, "The path names another run's or job's resource"]);
  }
  if (spec.params) out.push([404, 'What the path names does not exist']);
  if (credential !== 'none' && spec.method !== 'GET') {
    out.push([409, 'The request conflicts with the current state']);
  }
  if (spec.body) out.push([413, 'The body, or a value in it, is larger than the limit']);
  if (credential !== 'none') {
    out.push([429, 'Too many failed authentications from this address; retry later']);
  }
  out.push([500, 'An internal error (logged by the server, never with a secret value)']);
  if (credential !== 'none') out.push([503, 'A secret backend is unavailable']);
  return out
    .filter(([status]) => !spec.alsoAnswersWith?.includes(status))
    .map(([status, description]) => ({ status, codes: codesOf(status), description }));
}
