import { BUILT_IN_BACKEND } from '@kici/contracts/vocabulary';
import { invalidInput } from './errors.js';

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

/** Where the extension secret store keeps its five scopes (`pg:__ext__/…`). */
export const EXTENSION_STORE_PREFIX = '__ext__/';

/**
 * Where an installation's webhook signing secret lives (a sealed scoped_secrets row, so that
 * key rotation covers it): `pg:__ext__/signing/<PROJECT_KEY>/<extension.id>`.
 */
export const signingSecretScope = (projectKey: string, extensionId: string) =>
  `${BUILT_IN_BACKEND}:${EXTENSION_STORE_PREFIX}signing/${projectKey}/${extensionId}`;

/**
 * Whether a scope belongs to the extension secret store: managed through its own API (owners,
 * manifests, the install gate), so the orchestrator's secret writes, listings and environment
 * bindings leave it alone.
 */
export const isExtensionStoreScope = (scope: string): boolean => {
  const { backend, path } = splitScope(scope);
  return backend === BUILT_IN_BACKEND && path.startsWith(EXTENSION_STORE_PREFIX);
};

/** The refusal of an orchestrator operation on an extension store scope, naming the way. */
export const extensionStoreRefusal = (scope: string) =>
  invalidInput(
    'scope',
    `${scope} belongs to the extension secret store: manage it with kiket extensions secrets (/api/v1/extensions/secrets)`,
  );

export const isInternalScope = (scope: string): boolean =>
  INTERNAL_SCOPE_PREFIXES.some((prefix) => splitScope(scope).path.startsWith(prefix));
