import type { AuditEntry } from '../kernel/audit-entry.js';
import { notFound } from '../kernel/errors.js';
import { auditEntry } from '../kernel/guard.js';
import type { OpenedChain } from '../resolution/port.js';
import type { Store } from '../store.js';
import {
  extensionPgScope,
  installationChain,
  installationId,
  type ScopeRef,
  scopeRefOf,
} from './ids.js';
import type { InstallationRecord, InstallationRef } from './port.js';

/** A resolved extension secret: its value and where it came from (the `getMeta` shape). */
export interface ExtensionResolvedSecret {
  readonly value: string;
  /** `pg`, or the external backend's name for a linked secret. */
  readonly backend: string;
  readonly scope: ScopeRef;
}

/** An installation's secrets by key. */
export type InstallationSecrets = Record<string, ExtensionResolvedSecret>;

/** Reads a chain of scopes through resolution's chain reader (wired by createCore). */
export type ChainOpener = (
  orgId: string,
  scopes: readonly string[],
  audit?: AuditEntry,
) => Promise<OpenedChain>;

export interface InstallationResolverDeps {
  readonly store: Pick<Store, 'extensions'>;
  readonly openChain: ChainOpener;
}

export interface ResolveOptions {
  /** Who asks (an actor name, e.g. `dispatcher`): the read is audited `ext.resolve` as them. */
  readonly auditAs?: string;
  /** The installation already read (skips its lookup). */
  readonly installation?: InstallationRecord;
}

/** The pg scopes of an installation's chain, in order. */
export const chainScopes = (installation: InstallationRecord) =>
  installationChain(installation).map((ref) => extensionPgScope(ref.scope, ref.id));

/**
 * An installation's secrets through ONE chain (installation → product installation →
 * extension → project → organization; first match wins), read by the existing chain reader:
 * linked values are fetched from their backend now, and an unreachable backend fails the read
 * naming backend and path.
 */
export function createInstallationResolver({ store, openChain }: InstallationResolverDeps) {
  return async function resolveInstallation(
    ref: InstallationRef,
    options: ResolveOptions = {},
  ): Promise<InstallationSecrets> {
    const installation = options.installation ?? (await store.extensions.findInstallation(ref));
    const id = installationId(ref.projectKey, ref.extensionId);
    if (!installation) throw notFound(`Installation ${id} of org ${ref.orgId}`);
    const audit =
      options.auditAs === undefined
        ? undefined
        : auditEntry(options.auditAs, 'ext.resolve', 'success', {
            orgId: ref.orgId,
            contextName: extensionPgScope('installation', id),
            metadata: { installation: id },
          });
    const { secrets } = await openChain(ref.orgId, chainScopes(installation), audit);
    const resolved: InstallationSecrets = {};
    for (const [key, secret] of Object.entries(secrets)) {
      resolved[key] = {
        value: secret.value,
        backend: secret.backend,
        scope: scopeRefOf(secret.scope, ref.orgId) as ScopeRef,
      };
    }
    return resolved;
  };
}

export type InstallationResolver = ReturnType<typeof createInstallationResolver>;
