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

/**
 * A job dispatch's write, carried out by the guarded chain read's own statement (one round
 * trip for the read, the dispatch and their audit rows). The store only carries it out:
 * - the job goes to `dispatched` with `credentialHash`, expiring after `ttlMs` but never
 *   after the run's key, only while the environment is current (the read's guard), the run
 *   is running in the read's org and the job is pending or dispatched;
 * - the read's own audit row (ChainAudit) is written only if the job was dispatched, and
 *   when the job's needed jobs have outputs it names them under `outputs` (OutputsRead);
 * - when it was, the statement also answers the run's public key, the needed jobs' outputs
 *   and that OutputsRead (DispatchedJob), so a dispatch reads nothing else.
 */
export interface ChainDispatch {
  readonly runId: string;
  readonly jobId: string;
  readonly credentialHash: string;
  readonly ttlMs: number;
}

/**
 * What a dispatch's audit row says, under `outputs`, of the needed jobs' outputs it read
 * (never values). A key also in the row's `keys` was shadowed: the environment's secret won.
 */
export interface OutputsRead {
  /** Their keys, sorted. */
  readonly keys: readonly string[];
  /** Key → the producing job (the first of `needs` that set it). */
  readonly from: Readonly<Record<string, string>>;
}

/** One needed job's output, sealed with the master key (AAD: kernel/aad.ts runOutputAad). */
export interface UpstreamOutput {
  readonly jobId: string;
  readonly key: string;
  readonly ciphertext: Uint8Array;
}

/** What a ChainDispatch's statement read for the job it dispatched (the dispatch's one trip). */
export interface DispatchedJob {
  /** When the job's credential expires. */
  readonly until: Date;
  /** The run's public key; absent when the run has no key pair (yet, or any more). */
  readonly runKey?: { readonly publicKey: Uint8Array; readonly expiresAt: Date };
  /** Per key, the output of the first job in `needs` that set it. */
  readonly upstream: readonly UpstreamOutput[];
  /** The audit row's `outputs`; absent when the job receives none. */
  readonly outputsRead?: OutputsRead;
}

/** A guarded read's rows and, with a ChainDispatch, what it read for the job (if dispatched). */
export interface GuardedChainRows extends ChainRows {
  readonly dispatched?: DispatchedJob;
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
    dispatch?: ChainDispatch,
  ): Promise<GuardedChainRows | undefined>;
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
  /** With a ChainDispatch: what was read for the job; absent when it was not dispatched. */
  readonly dispatched?: DispatchedJob;
}
