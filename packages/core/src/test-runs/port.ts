import type { ResealableRepository } from '../kernel/reseal.js';

/** What test runs need from storage: the runs' key pairs. */

export interface RunKeyRecord {
  readonly runId: string;
  readonly orgId: string;
  readonly publicKey: Uint8Array;
  readonly privateKeyCiphertext: Uint8Array;
  readonly keyVersion: number;
  readonly createdAt: Date;
  readonly expiresAt: Date;
}

/** Run key pairs; rotation re-seals their private keys (`key` in a SealedRow is the run id). */
export interface RunKeyRepository extends ResealableRepository {
  /** False when the run already has a key pair. */
  insert(record: Omit<RunKeyRecord, 'createdAt'>): Promise<boolean>;
  find(runId: string): Promise<RunKeyRecord | undefined>;
}
