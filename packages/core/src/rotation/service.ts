import { DecryptError, type Keyring, secretAad } from '@kici/crypto';
import { backendConfigAad, configAad, runKeyAad, runOutputAad } from '../kernel/aad.js';
import type { Actor } from '../kernel/actor.js';
import { KiciError } from '../kernel/errors.js';
import { auditEntry, authorize } from '../kernel/guard.js';
import type { KeyringHolder } from '../kernel/keyring-holder.js';
import type { ResealableRepository, SealedRow } from '../kernel/reseal.js';
import type { Repositories, Store } from '../store.js';
import {
  keyVersionOverflow,
  LISTED_ROWS,
  MAX_KEY_VERSION,
  type RotatedTable,
  type UnreadableRow,
  unreadableError,
  unreadableRow,
} from './unreadable.js';

export const ROTATION_BATCH_SIZE = 500;

export type { RotatedTable, UnreadableRow } from './unreadable.js';

export interface RotationResult {
  readonly reEncrypted: number;
  readonly reEncryptedConfigs: number;
  /** Run key pairs and cross-job outputs re-sealed (counted apart from the seed's message). */
  readonly reEncryptedRunKeys: number;
  readonly reEncryptedRunOutputs: number;
  readonly keyVersion: number;
  readonly message: string;
  /** Rows left as they were because they did not open (only with `skipUnreadable`). */
  readonly skipped?: UnreadableRow[];
}

export interface RotateKeyOptions {
  /** Re-encrypt what opens and leave the rest (reported); by default such rows stop the rotation. */
  readonly skipUnreadable?: boolean | undefined;
}

export interface RotationDeps {
  /** The sealed tables (in transactions), the database clock and the audit log. */
  readonly store: Pick<
    Store,
    'secrets' | 'config' | 'backends' | 'runKeys' | 'runs' | 'audit' | 'transaction' | 'now'
  >;
  readonly keyring: KeyringHolder;
  readonly batchSize?: number;
  /** Called after every committed batch (progress output, tests). */
  readonly onBatch?: (table: RotatedTable, done: number) => void;
  /** Records the key check of the new key version (the key-check domain). */
  readonly recordKeyCheck?: (ring: Keyring) => Promise<void>;
}

interface SealedTable {
  readonly table: RotatedTable;
  readonly pick: (tx: Repositories) => ResealableRepository;
  readonly aad: (row: SealedRow) => Uint8Array;
}

/** In this order: secrets, config history, backends' credentials, run private keys, run outputs. */
const TABLES: readonly SealedTable[] = [
  { table: 'scoped_secrets', pick: (tx) => tx.secrets, aad: (row) => secretAad(row) },
  { table: 'config_versions', pick: (tx) => tx.config, aad: (r) => configAad(r.key, r.version) },
  { table: 'backends', pick: (tx) => tx.backends, aad: (row) => backendConfigAad(row.key) },
  {
    table: 'run_ephemeral_keys',
    pick: (tx) => tx.runKeys,
    aad: (row) => runKeyAad(row.orgId, row.key),
  },
  {
    table: 'run_secret_outputs',
    pick: (tx) => tx.runs,
    aad: (row) => runOutputAad(row.orgId, row.scope, row.key),
  },
];

/** Opens an envelope, or answers undefined when it fails its integrity check. */
function tryOpen(ring: Keyring, row: SealedRow, aad: Uint8Array): Uint8Array | undefined {
  try {
    return ring.open(row.ciphertext, aad).plaintext;
  } catch (error) {
    if (error instanceof DecryptError) return undefined;
    throw error;
  }
}

/**
 * Re-encrypts every stored envelope with the current master key at key version max + 1.
 * Work goes in batches, each its own transaction taking rows FOR UPDATE SKIP LOCKED: memory
 * stays bounded, reads and writes go on, and a crash loses at most one uncommitted batch
 * (a rerun finishes the job). Before anything changes, a read-only pass finds the rows that
 * do not open: by default they stop the rotation (named, audited); `skipUnreadable` leaves
 * them as they are. A failure puts this instance's keyring back at the version it had.
 */
export function createRotationService({
  store,
  keyring,
  batchSize = ROTATION_BATCH_SIZE,
  onBatch,
  recordKeyCheck,
}: RotationDeps) {
  /** The read-only pass: every row below `target` that does not open. */
  async function findUnreadable(ring: Keyring, target: number, startedAt: Date) {
    const unreadable: UnreadableRow[] = [];
    for (const { table, pick, aad } of TABLES) {
      let afterId = 0;
      for (;;) {
        const batch = await store.transaction((tx) =>
          pick(tx).lockBatchBelowVersion(target, batchSize, startedAt, { afterId }),
        );
        if (batch.length === 0) break;
        for (const row of batch) {
          const plaintext = tryOpen(ring, row, aad(row));
          if (plaintext) plaintext.fill(0);
          else unreadable.push(unreadableRow(table, row));
        }
        afterId = batch[batch.length - 1]?.id ?? afterId;
      }
    }
    return unreadable;
  }

  async function resealAll(
    { table, pick, aad }: SealedTable,
    ring: Keyring,
    target: number,
    startedAt: Date,
    unreadable: UnreadableRow[],
  ): Promise<number> {
    const next = ring.withVersion(target);
    const excludeIds: number[] = [];
    let done = 0;
    for (;;) {
      const count = await store.transaction(async (tx) => {
        const repository = pick(tx);
        const batch = await repository.lockBatchBelowVersion(target, batchSize, startedAt, {
          excludeIds,
        });
        const resealed: { id: number; ciphertext: Uint8Array }[] = [];
        for (const row of batch) {
          const plaintext = tryOpen(ring, row, aad(row));
          if (!plaintext) {
            excludeIds.push(row.id);
            unreadable.push(unreadableRow(table, row));
            continue;
          }
          resealed.push({ id: row.id, ciphertext: next.seal(plaintext, aad(row)) });
          plaintext.fill(0);
        }
        if (resealed.length > 0) await repository.reseal(resealed, target);
        return { seen: batch.length, resealed: resealed.length };
      });
      if (count.seen === 0) return done;
      if (count.resealed === 0) continue; // only rows that did not open: now left out
      done += count.resealed;
      onBatch?.(table, done);
    }
  }

  async function auditFailure(actor: Actor, reason: string, unreadable: UnreadableRow[]) {
    await store.audit.append(
      auditEntry(actor, 'rotateKey', 'failure', {
        metadata: {
          reason,
          unreadableCount: unreadable.length,
          unreadable: unreadable.slice(0, LISTED_ROWS).map((row) => ({ ...row })),
        },
      }),
    );
  }

  return {
    async rotateKey(actor: Actor, options: RotateKeyOptions = {}): Promise<RotationResult> {
      await authorize(store, actor, 'key.rotate', 'rotateKey');
      const target =
        Math.max(
          await store.secrets.maxKeyVersion(),
          await store.config.maxKeyVersion(),
          await store.backends.maxKeyVersion(),
          await store.runKeys.maxKeyVersion(),
          await store.runs.maxKeyVersion(),
          keyring.current().version,
        ) + 1;
      if (target > MAX_KEY_VERSION) {
        await auditFailure(actor, 'key_version_overflow', []);
        throw keyVersionOverflow(target);
      }
      // Rows written after this instant are sealed with the current key already (every
      // instance runs the new key before a rotation): leave them, or sustained writes would
      // keep the rotation chasing them.
      const startedAt = await store.now();
      const ring = keyring.current();
      if (!options.skipUnreadable) {
        const unreadable = await findUnreadable(ring, target, startedAt);
        if (unreadable.length > 0) {
          await auditFailure(actor, 'unreadable_rows', unreadable);
          throw unreadableError(unreadable);
        }
      }
      // This instance writes the new version from now on, and goes back if the rotation fails.
      keyring.replace(ring.withVersion(target));
      const unreadable: UnreadableRow[] = [];
      const counts: Record<RotatedTable, number> = {
        scoped_secrets: 0,
        config_versions: 0,
        backends: 0,
        run_ephemeral_keys: 0,
        run_secret_outputs: 0,
      };
      try {
        for (const table of TABLES)
          counts[table.table] = await resealAll(table, ring, target, startedAt, unreadable);
        // A row damaged between the scan and its batch still stops a rotation that does not skip.
        if (unreadable.length > 0 && !options.skipUnreadable) throw unreadableError(unreadable);
        await recordKeyCheck?.(ring.withVersion(target));
      } catch (error) {
        keyring.replace(ring);
        const reason = error instanceof KiciError ? 'unreadable_rows' : 'internal';
        await auditFailure(actor, reason, unreadable);
        throw error;
      }
      const reEncrypted = counts.scoped_secrets;
      const reEncryptedConfigs = counts.config_versions;
      const message = `Re-encrypted ${reEncrypted} secrets, ${reEncryptedConfigs} config versions`;
      await store.audit.append(
        auditEntry(actor, 'rotateKey', 'success', {
          metadata: {
            reEncrypted,
            reEncryptedConfigs,
            reEncryptedBackends: counts.backends,
            reEncryptedRunKeys: counts.run_ephemeral_keys,
            reEncryptedRunOutputs: counts.run_secret_outputs,
            keyVersion: target,
            dualKey: ring.hasPrevious,
            ...(unreadable.length > 0
              ? {
                  skippedCount: unreadable.length,
                  skipped: unreadable.slice(0, LISTED_ROWS).map((row) => ({ ...row })),
                }
              : {}),
          },
        }),
      );
      return {
        reEncrypted,
        reEncryptedConfigs,
        reEncryptedRunKeys: counts.run_ephemeral_keys,
        reEncryptedRunOutputs: counts.run_secret_outputs,
        keyVersion: target,
        message,
        ...(unreadable.length > 0 ? { skipped: unreadable } : {}),
      };
    },
  };
}

export type RotationService = ReturnType<typeof createRotationService>;
