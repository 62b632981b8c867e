import type { ResealableRepository } from '../kernel/reseal.js';

/** What the config domain needs from storage, and the values it holds. */
export type ConfigValue =
  | string
  | number
  | boolean
  | null
  | ConfigValue[]
  | { [key: string]: ConfigValue };

export interface ConfigVersionRecord {
  readonly id: number;
  readonly key: string;
  readonly version: number;
  readonly ciphertext: Uint8Array;
  readonly keyVersion: number;
  readonly createdAt: Date;
  readonly createdBy: string;
}

export type ConfigVersionMetadata = Omit<ConfigVersionRecord, 'ciphertext' | 'id' | 'keyVersion'>;

export interface ConfigRepository extends ResealableRepository {
  /** The newest version of every key. */
  listCurrent(): Promise<ConfigVersionMetadata[]>;
  current(key: string): Promise<ConfigVersionRecord | undefined>;
  version(key: string, version: number): Promise<ConfigVersionRecord | undefined>;
  /** Every version of a key, newest first. */
  history(key: string): Promise<ConfigVersionMetadata[]>;
  /** Appends version max + 1 of `key`. */
  append(write: {
    key: string;
    ciphertext: Uint8Array;
    keyVersion: number;
    actor: string;
  }): Promise<ConfigVersionRecord>;
}
