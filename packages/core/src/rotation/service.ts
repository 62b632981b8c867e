import { type Keyring, secretAad } from '@kici/crypto';
import { backendConfigAad, configAad, runKeyAad } from '../kernel/aad.js';
import type { Actor } from '../kernel/actor.js';
import { auditEntry, authorize } from '../kernel/guard.js';
import type { KeyringHolder } from '../kernel/keyring-holder.js';
import type { ResealableRepository, SealedRow } from '../kernel/reseal.js';
import type { Repositories, Store } from '../store.js';

export const ROTATION_BATCH_SIZE = 500;

export type RotatedTable = 'scoped_secrets' | 'config_versions' | 'backends' | 'run_ephemeral_keys';

export interface RotationResult {
  readonly reEncrypted: number;
  readonly reEncryptedConfigs: number;
  readonly keyVersion: number;
  readonly message: string;
}

export interface RotationDeps {
  /** The sealed tables (in transactions), the database clock and the audit log. */
  readonly store: Pick<
    Store,
    'secrets' | 'config' | 'backends' | 'runKeys' | 'audit' | 'transaction' | 'now'
  >;
  readonly keyring: KeyringHolder;
  readonly batchSize?: number;
  /** Called after every committed batch (progress output, tests). */
  readonly onBatch?: (table: RotatedTable, done: number) => void;
}

/**
 * Re-encrypts every stored envelope with the current master key at key version max + 1:
 * scoped_secrets first, then config_versions (history included), then the backends'
 * credentials and the test runs' private keys. Work goes in batches, each
 * its own transaction taking rows FOR UPDATE SKIP LOCKED: memory stays bounded, reads and
 * writes go on, and a crash loses at most one uncommitted batch (a rerun finishes the job).
 */
export function createRotationService({
  store,
  keyring,
  batchSize = ROTATION_BATCH_SIZE,
  onBatch,
}: RotationDeps) {
  async function resealAll(
    table: RotatedTable,
    pick: (tx: Repositories) => ResealableRepository,
    aadOf: (row: SealedRow) => Uint8Array,
    ring: Keyring,
    target: number,
    startedAt: Date,
  ): Promise<number> {
    const next = ring.withVersion(target);
    let done = 0;
    for (;;) {
      const count = await store.transaction(async (tx) => {
        const repository = pick(tx);
        const batch = await repository.lockBatchBelowVersion(target, batchSize, startedAt);
        const resealed = batch.map((row) => {
          const aad = aadOf(row);
          const { plaintext } = ring.open(row.ciphertext, aad);
          const ciphertext = next.seal(plaintext, aad);
          plaintext.fill(0);
          return { id: row.id, ciphertext };
        });
        if (resealed.length > 0) await repository.reseal(resealed, target);
        return batch.length;
      });
      if (count === 0) return done;
      done += count;
      onBatch?.(table, done);
    }
  }

  return {
    async rotateKey(actor: Actor): Promise<RotationResult> {
      await authorize(store, actor, 'key.rotate', 'rotateKey');
      const target =
        Math.max(
          await store.secrets.maxKeyVersion(),
          await store.config.maxKeyVersion(),
          await store.backends.maxKeyVersion(),
          await store.runKeys.maxKeyVersion(),
          keyring.current().version,
        ) + 1;
      // Rows written after this instant are sealed with the current key already (every
      // instance runs the new key before a rotation): leave them, or sustained writes would
      // keep the rotation chasing them. This instance writes the new version from now on.
      const startedAt = await store.now();
      const ring = keyring.current();
      keyring.replace(ring.withVersion(target));
      const reEncrypted = await resealAll(
        'scoped_secrets',
        (tx) => tx.secrets,
        (row) => secretAad(row),
        ring,
        target,
        startedAt,
      );
      const reEncryptedConfigs = await resealAll(
        'config_versions',
        (tx) => tx.config,
        (row) => configAad(row.key, row.version),
        ring,
        target,
        startedAt,
      );
      // Registered backends' credentials are sealed with the same key.
      const reEncryptedBackends = await resealAll(
        'backends',
        (tx) => tx.backends,
        (row) => backendConfigAad(row.key),
        ring,
        target,
        startedAt,
      );
      // So do the private keys of test runs in flight.
      const reEncryptedRunKeys = await resealAll(
        'run_ephemeral_keys',
        (tx) => tx.runKeys,
        (row) => runKeyAad(row.orgId, row.key),
        ring,
        target,
        startedAt,
      );
      const message = `Re-encrypted ${reEncrypted} secrets, ${reEncryptedConfigs} config versions`;
      await store.audit.append(
        auditEntry(actor, 'rotateKey', 'success', {
          metadata: {
            reEncrypted,
            reEncryptedConfigs,
            reEncryptedBackends,
            reEncryptedRunKeys,
            keyVersion: target,
            dualKey: keyring.current().hasPrevious,
          },
        }),
      );
      return { reEncrypted, reEncryptedConfigs, keyVersion: target, message };
    },
  };
}

export type RotationService = ReturnType<typeof createRotationService>;
