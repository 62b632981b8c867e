import type { AuditEntry } from '../kernel/audit-entry.js';

/** What resolution needs from storage: a scope chain's rows in one round trip. */

/**
 * Reads an external scope live (the backend registry, wired by createCore): undefined when no
 * backend of that name is registered, so that a removed backend's bindings supply nothing, as
 * if never bound, and come back with a backend re-added under that name.
 */
export type ScopeReader = (
  backend: string,
  path: string,
) => Promise<Record<string, string> | undefined>;

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
 * The audit row a chain read writes in its own statement (one round trip). Core builds the
 * whole row and decides when it is written; the store only carries out these instructions:
 * - it completes the metadata with two computed lists, `keys` (the distinct names of the
 *   secrets read plus `externalKeys`, sorted) and `variables` (the distinct variable names
 *   read, sorted);
 * - with `onlyIfEverySecretIn`, it writes the row only when every secret read has that
 *   backendType, and otherwise writes nothing; without it, it always writes the row.
 * Resolution sets `onlyIfEverySecretIn` to the built-in backend (core's rule, in
 * resolution/chain-reader.ts): a linked secret's value is read on its backend afterwards,
 * which may fail, so core then writes the one row itself once it knows the outcome.
 */
export interface ChainAudit extends AuditEntry {
  /** The keys the chain's external scopes supplied (read before), named in `keys` too. */
  readonly externalKeys?: readonly string[];
  /** Write the row only if every secret read has this backendType (core's condition). */
  readonly onlyIfEverySecretIn?: string;
}

export interface ChainRepository {
  /**
   * Every secret and variable of the org in any of `scopes`. With `audit`, its row is written
   * by the same statement as the ChainAudit instructs: the read and its audit row are one
   * atomic round trip.
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
