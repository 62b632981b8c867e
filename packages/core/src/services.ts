import type { Keyring } from '@kici/crypto';
import { createAuditService } from './audit.js';
import { createConfigService } from './config.js';
import { holdKeyring } from './keyring-holder.js';
import type { Store } from './ports.js';
import { createRotationService, type RotationDeps } from './rotation.js';
import { createSecretService } from './secrets.js';
import { createTokenService } from './tokens.js';

export interface CoreOptions {
  readonly store: Store;
  /** The master keyring (current key, and the previous one during a rotation). */
  readonly keyring: Keyring;
  readonly maxSecretBytes?: number;
  readonly rotationBatchSize?: number;
  readonly onRotationBatch?: RotationDeps['onBatch'];
  readonly now?: () => Date;
}

/**
 * Every service over one store and keyring. The keyring writes the highest key version the
 * store already holds, so that rows sealed after a restart are not older than a rotation.
 */
export async function createCore(options: CoreOptions) {
  const { store } = options;
  const stored = Math.max(await store.secrets.maxKeyVersion(), await store.config.maxKeyVersion());
  const keyring = holdKeyring(
    options.keyring.withVersion(Math.max(stored, options.keyring.version)),
  );
  return {
    store,
    keyring,
    secrets: createSecretService({
      store,
      keyring,
      ...(options.maxSecretBytes ? { maxSecretBytes: options.maxSecretBytes } : {}),
    }),
    tokens: createTokenService({ store, ...(options.now ? { now: options.now } : {}) }),
    config: createConfigService({ store, keyring }),
    rotation: createRotationService({
      store,
      keyring,
      ...(options.rotationBatchSize ? { batchSize: options.rotationBatchSize } : {}),
      ...(options.onRotationBatch ? { onBatch: options.onRotationBatch } : {}),
    }),
    audit: createAuditService({ store }),
  };
}

export type Core = Awaited<ReturnType<typeof createCore>>;
