import type { KeyringHolder } from '../kernel/keyring-holder.js';
import type { Store } from '../store.js';
import { createBackendAdmin } from './admin.js';
import type { BackendType, EnvBackend } from './port.js';
import { createBackendRegistry } from './registry.js';
import { createBackendSync, type SyncResult } from './sync.js';

export interface BackendServiceDeps {
  readonly store: Pick<Store, 'backends' | 'audit' | 'transaction'>;
  readonly keyring: KeyringHolder;
  readonly types: Readonly<Record<string, BackendType>>;
  readonly envBackends?: readonly EnvBackend[];
  /** Names this instance in sync audit rows (several instances may share a database). */
  readonly instanceId?: string;
  readonly keepErrors?: number;
  /** Told of every sync that did not end `ok`, periodic or asked for (the server logs it). */
  readonly onSyncProblem?: (result: SyncResult) => void;
}

/**
 * Named external backends: the registry of live clients (reads at dispatch, health), discovery
 * (sync) and the admin operations, over one registry.
 */
export function createBackendService(deps: BackendServiceDeps) {
  const registry = createBackendRegistry(deps);
  const sync = createBackendSync({ ...deps, registry });
  return {
    exists: registry.exists,
    linkKey: registry.linkKey,
    readScope: registry.readScope,
    readScopeIfRegistered: registry.readScopeIfRegistered,
    registerFromEnv: registry.registerFromEnv,
    checkAll: registry.checkAll,
    syncDue: sync.syncDue,
    ...createBackendAdmin({ ...deps, registry, sync }),
    close: registry.close,
  };
}

export type BackendService = ReturnType<typeof createBackendService>;
