/** What key rotation needs from every table of envelopes sealed with the master key. */

/** A row due for re-encryption: enough to open and re-seal it. */
export interface SealedRow {
  readonly id: number;
  readonly ciphertext: Uint8Array;
  /**
   * What the row's AAD binds: org, scope and key for secrets; key and version for config;
   * org and run id (as `key`) for run keys.
   */
  readonly orgId: string;
  readonly scope: string;
  readonly key: string;
  readonly version: number;
}

/**
 * Narrows a batch: `afterId` pages through rows without changing them (the read-only scan
 * before a rotation), `excludeIds` leaves out rows that did not open (so a rotation that
 * skips them does not pick them up again).
 */
export interface BatchPage {
  readonly afterId?: number;
  readonly excludeIds?: readonly number[];
}

/** What rotation needs from a table of envelopes. */
export interface ResealableRepository {
  maxKeyVersion(): Promise<number>;
  count(): Promise<number>;
  /**
   * Up to `limit` rows with key_version below `target`, last written at or before
   * `writtenBefore` (database time), locked until the transaction ends; rows another
   * transaction holds are skipped.
   */
  lockBatchBelowVersion(
    target: number,
    limit: number,
    writtenBefore: Date,
    page?: BatchPage,
  ): Promise<SealedRow[]>;
  /** Writes new envelopes for many rows in one statement, all at `keyVersion`. */
  reseal(
    rows: readonly { id: number; ciphertext: Uint8Array }[],
    keyVersion: number,
  ): Promise<void>;
}
