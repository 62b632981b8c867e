import { BUILT_IN_BACKEND, type ExtensionScope } from '@kici/contracts/vocabulary';
import { EXTENSION_STORE_PREFIX } from '../kernel/scope.js';
import type { InstallationRecord } from './port.js';

/**
 * Where the five extension scopes live: internal pg scopes `pg:__ext__/…` of `scoped_secrets`
 * (the orchestrator's pgCustomerSecrets toggle leaves them alone).
 */
export const EXT_SCOPE_ROOT = `${BUILT_IN_BACKEND}:${EXTENSION_STORE_PREFIX}`;

/** A scope of the extension store and its id: `{ scope: 'extension', id: 'com.example.x' }`. */
export interface ScopeRef {
  readonly scope: ExtensionScope;
  readonly id: string;
}

const SEGMENT: Readonly<Record<ExtensionScope, string>> = {
  organization: 'organization',
  project: 'project/',
  extension: 'extension/',
  product_installation: 'product/',
  installation: 'installation/',
};

/** The pg scope id of an extension scope (`organization` has one per org, its id unused). */
export function extensionPgScope(scope: ExtensionScope, id: string): string {
  return scope === 'organization'
    ? `${EXT_SCOPE_ROOT}organization`
    : `${EXT_SCOPE_ROOT}${SEGMENT[scope]}${id}`;
}

/** The extension scope of a pg scope id, or undefined for any other scope. */
export function scopeRefOf(pgScope: string, orgId: string): ScopeRef | undefined {
  if (!pgScope.startsWith(EXT_SCOPE_ROOT)) return undefined;
  const path = pgScope.slice(EXT_SCOPE_ROOT.length);
  if (path === 'organization') return { scope: 'organization', id: orgId };
  for (const scope of ['project', 'extension', 'product_installation', 'installation'] as const) {
    const segment = SEGMENT[scope];
    if (path.startsWith(segment)) return { scope, id: path.slice(segment.length) };
  }
  return undefined;
}

/** An installation's id: `PROJECT_KEY/extension.id`. */
export const installationId = (projectKey: string, extensionId: string) =>
  `${projectKey}/${extensionId}`;

/** `PROJECT_KEY/extension.id` split in two (the id was validated by the contracts). */
export function splitInstallationId(id: string): { projectKey: string; extensionId: string } {
  const slash = id.indexOf('/');
  return { projectKey: id.slice(0, slash), extensionId: id.slice(slash + 1) };
}

/**
 * The fallback order of an installation, as ONE chain, first match wins: installation →
 * product installation (only when the installation names one) → extension → project →
 * organization.
 */
export function installationChain(
  installation: Pick<InstallationRecord, 'orgId' | 'projectKey' | 'extensionId' | 'productId'>,
): ScopeRef[] {
  const { orgId, projectKey, extensionId, productId } = installation;
  return [
    { scope: 'installation', id: installationId(projectKey, extensionId) },
    ...(productId === null
      ? []
      : [{ scope: 'product_installation', id: productId } as const satisfies ScopeRef]),
    { scope: 'extension', id: extensionId },
    { scope: 'project', id: projectKey },
    { scope: 'organization', id: orgId },
  ];
}
