import type { KeyringHolder } from '../kernel/keyring-holder.js';
import type { SurfaceCheck } from '../policy/port.js';
import type { ScopeReader } from '../resolution/port.js';
import type { Store } from '../store.js';
import { createExtensionDeletes } from './deletes.js';
import { createInstallationGate } from './gate.js';
import type { BackendSummary } from './link-target.js';
import { createExtensionModel } from './model.js';
import { type ChainOpener, createInstallationResolver } from './resolve.js';
import { type AfterWrite, createExtensionSecrets } from './secrets.js';

export interface ExtensionServiceDeps {
  readonly store: Pick<
    Store,
    'extensions' | 'secrets' | 'chains' | 'audit' | 'transaction' | 'deliveries'
  >;
  readonly keyring: KeyringHolder;
  readonly policy: SurfaceCheck;
  /** Resolution's chain reader (one mechanism for every fallback order). */
  readonly openChain: ChainOpener;
  /** Reads a path on a registered external backend (undefined when none has that name). */
  readonly readExternal: ScopeReader;
  readonly listBackends: () => Promise<readonly BackendSummary[]>;
  /** The key a link to a path reads when it names none (the backend type's linkKey). */
  readonly linkKey?: (backend: string, path: string) => Promise<string | undefined>;
  readonly maxSecretBytes?: number;
  /** Called inside every secret write's transaction (see `AfterWrite`). */
  readonly afterWrite?: AfterWrite | undefined;
}

/**
 * The extension secret store (the Kiket seed): secrets of five scopes, the model that owns
 * them (projects, catalog, product installations, installations), the install gate, and the
 * resolution of an installation's secrets.
 */
export function createExtensionService(deps: ExtensionServiceDeps) {
  const { store, keyring } = deps;
  const model = createExtensionModel({ store });
  const deletes = createExtensionDeletes({ store });
  return {
    secrets: createExtensionSecrets({
      store,
      keyring,
      policy: deps.policy,
      listBackends: deps.listBackends,
      ...(deps.linkKey ? { linkKey: deps.linkKey } : {}),
      ...(deps.maxSecretBytes ? { maxSecretBytes: deps.maxSecretBytes } : {}),
      afterWrite: deps.afterWrite,
    }),
    model,
    deletes,
    gate: createInstallationGate({
      store,
      keyring,
      readExternal: deps.readExternal,
      setEnabled: model.setEnabled,
    }),
    /** `{ [KEY]: { value, backend, scope: { scope, id } } }` of an installation. */
    resolveInstallation: createInstallationResolver({ store, openChain: deps.openChain }),
  };
}

export type ExtensionService = ReturnType<typeof createExtensionService>;
