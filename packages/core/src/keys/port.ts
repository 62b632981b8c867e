/** A key check: a fixed label sealed with one key version's master key. */
export interface KeyCheckRecord {
  readonly keyVersion: number;
  readonly ciphertext: Uint8Array;
}

/** The key checks the store keeps, one per key version. */
export interface KeyCheckRepository {
  list(): Promise<KeyCheckRecord[]>;
  /** Records a check unless that key version has one already (the first one stays). */
  insert(keyVersion: number, ciphertext: Uint8Array): Promise<void>;
}
