import { BUILT_IN_BACKEND } from '@kici/contracts/vocabulary';

/** The scope vocabulary: a canonical scope id is `backend:path`. */

/** A canonical scope id `backend:path` split in two. */
export function splitScope(scope: string): { backend: string; path: string } {
  const colon = scope.indexOf(':');
  return { backend: scope.slice(0, colon), path: scope.slice(colon + 1) };
}

/** Whether a scope lives in the built-in backend (stored, not read from an external one). */
export const isBuiltInScope = (scope: string): boolean =>
  splitScope(scope).backend === BUILT_IN_BACKEND;

/** The orchestrator's own pg scopes, which the pgCustomerSecrets toggle leaves alone. */
export const INTERNAL_SCOPE_PREFIXES = ['__source__/', '__webhook__/', '__ext__/'] as const;

export const isInternalScope = (scope: string): boolean =>
  INTERNAL_SCOPE_PREFIXES.some((prefix) => splitScope(scope).path.startsWith(prefix));
