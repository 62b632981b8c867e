import type { AuditEntry } from '../kernel/audit-entry.js';

/** What resolution needs from storage: a scope chain's rows in one round trip. */

/** What resolution needs of a stored secret. */
export interface SealedSecret {
  readonly scope: string;
  readonly key: string;
  readonly ciphertext: Uint8Array;
  /** `pg` for a stored value; a backend's name for a link to a path on it. */
  readonly backendType: string;
}

/** A scope chain's rows, read for resolution in one round trip. */
export interface ChainRows {
  readonly secrets: SealedSecret[];
  readonly variables: { readonly scope: string; readonly key: string; readonly value: string }[];
}

/**
 * The audit row a chain read writes in its own statement. `externalKeys`: the keys the chain's
 * external scopes supplied (read before), named in `keys` beside the pg ones.
 */
export interface ChainAudit extends AuditEntry {
  readonly externalKeys?: readonly string[];
}

export interface ChainRepository {
  /**
   * Every secret and variable of the org in any of `scopes`. With `audit`, its row is written
   * by the same statement, its metadata completed with `keys` and `variables` (the distinct
   * names found, sorted): the resolution and its audit row are one atomic round trip. When a
   * secret read is linked (its backendType is not `pg`), no row is written: its value is
   * fetched afterwards and the caller writes the row once the outcome is known.
   */
  read(orgId: string, scopes: readonly string[], audit?: ChainAudit): Promise<ChainRows>;
  /**
   * The same, only while the environment is still at `revision` (checked in the same
   * statement): undefined, with nothing read or written, when it changed or is gone. Only
   * each key's winner is read (its row in the earliest of `scopes`), secrets and variables.
   */
  readIfCurrent(
    orgId: string,
    scopes: readonly string[],
    environment: { readonly id: number; readonly revision: number },
    audit?: ChainAudit,
  ): Promise<ChainRows | undefined>;
}

/** The `secrets.getMeta()` shape: a value and where it came from. */
export interface ResolvedSecret {
  readonly value: string;
  readonly backend: string;
  readonly scope: string;
}

export interface ResolvedVariable {
  readonly value: string;
  readonly scope: string;
}

/** The values a scope chain supplies, by key (what test runs receive of resolution). */
export interface OpenedChain {
  readonly secrets: Record<string, ResolvedSecret>;
  readonly variables: Record<string, ResolvedVariable>;
}
