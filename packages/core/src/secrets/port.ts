import type { AuditEntry } from '../kernel/audit-entry.js';
import type { ResealableRepository } from '../kernel/reseal.js';

/** What the secrets domain needs from storage. */

/** A stored secret: the value only as an envelope sealed by @kici/crypto. */
export interface SecretRecord {
  readonly id: number;
  readonly orgId: string;
  readonly scope: string;
  readonly key: string;
  readonly ciphertext: Uint8Array;
  readonly keyVersion: number;
  readonly backendType: string;
  readonly createdAt: Date;
  readonly createdBy: string;
  readonly updatedAt: Date;
  readonly updatedBy: string;
  /** How many times the value was replaced; `lastRotatedAt` is when it last was. */
  readonly rotationCount: number;
  readonly lastRotatedAt: Date | null;
}

export type SecretMetadata = Omit<SecretRecord, 'ciphertext'>;

export interface ScopeSummary {
  readonly scope: string;
  readonly secretCount: number;
  readonly updatedAt: Date;
}

export interface SecretWrite {
  readonly orgId: string;
  readonly scope: string;
  readonly key: string;
  readonly ciphertext: Uint8Array;
  readonly keyVersion: number;
  readonly backendType: string;
  readonly actor: string;
}

export interface SecretRepository extends ResealableRepository {
  listScopes(orgId: string): Promise<ScopeSummary[]>;
  /**
   * With `audit`, its row is written by the same statement (one atomic round trip), its
   * metadata completed with `count`.
   */
  listKeys(orgId: string, scope: string, audit?: AuditEntry): Promise<SecretMetadata[]>;
  find(orgId: string, scope: string, key: string): Promise<SecretRecord | undefined>;
  /**
   * Inserts, or replaces the value (bumping the rotation counter). With `audit`, its row is
   * written by the same statement, so both commit or neither; its metadata gains `created`.
   */
  upsert(
    write: SecretWrite,
    audit?: AuditEntry,
  ): Promise<{ record: SecretMetadata; created: boolean }>;
  remove(orgId: string, scope: string, key: string): Promise<boolean>;
}
