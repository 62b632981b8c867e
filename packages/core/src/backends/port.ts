import type { ResealableRepository } from '../kernel/reseal.js';

/**
 * What the backends domain needs: the registry's rows in storage, and the port external
 * secret backends (@kici/store-vault) implement. Backends are read-only from our side: core
 * reads a scope's values at dispatch and lists paths for discovery.
 */
export interface SecretBackend {
  /** The registered name, e.g. `openbao-prod`; every error names it. */
  readonly name: string;
  /** The backend type, e.g. `vault`. */
  readonly type: string;
  /** Every key/value pair at `path` (a scope path without the `name:` prefix). A missing path is `not_found`. */
  readScope(path: string): Promise<Record<string, string>>;
  /** Every secret path under the backend's base path, relative to it, e.g. `aws/prod`. */
  listPaths(): Promise<string[]>;
  /** Reachable and authenticated; resolves with the round-trip time. */
  check(): Promise<{ latencyMs: number }>;
  /** Releases timers and connections. */
  close(): Promise<void>;
}

/** A kind of external backend (`vault`), provided by the server from its store package. */
export interface BackendType {
  /** Checks a config (admin API or environment) and fills in defaults; throws invalid_input naming the field. */
  validate(name: string, config: unknown): Record<string, unknown>;
  create(config: Record<string, unknown>, hooks: { warn(message: string): void }): SecretBackend;
  /** What a listing may show: never a credential. */
  summarize(config: Record<string, unknown>): Record<string, unknown>;
  /**
   * The key a link to `path` reads when the link names none, for backends whose paths hold
   * one value under a key of their own (a GSM secret id); without it, the linking key's name.
   */
  linkKey?(path: string): string | undefined;
}

/** A backend configured by the environment (KICI_VAULT_*), not stored. */
export interface EnvBackend {
  readonly name: string;
  readonly type: string;
  readonly config: unknown;
}

export type BackendSyncStatus = 'ok' | 'warning' | 'error';

export interface BackendRecord {
  readonly id: number;
  readonly name: string;
  readonly type: string;
  /** `api`: registered through the admin API; `env`: configured by KICI_VAULT_* (nothing stored). */
  readonly source: 'api' | 'env';
  /** The config, credentials included, sealed with the master key (null for `env`). */
  readonly configCiphertext: Uint8Array | null;
  readonly keyVersion: number;
  /** What listings may show: masked URL, auth method, mount and base path. */
  readonly summary: Readonly<Record<string, unknown>>;
  readonly scopePatterns: readonly string[];
  readonly syncIntervalSeconds: number;
  readonly nextSyncAt: Date;
  readonly lastSyncAt: Date | null;
  readonly lastSyncStatus: BackendSyncStatus | null;
  readonly lastSyncMessage: string | null;
  /** The last errors, newest first. */
  readonly errors: readonly { readonly at: string; readonly message: string }[];
  readonly createdAt: Date;
  readonly createdBy: string;
  readonly updatedAt: Date;
}

export type BackendWrite = Pick<
  BackendRecord,
  | 'name'
  | 'type'
  | 'source'
  | 'configCiphertext'
  | 'keyVersion'
  | 'summary'
  | 'scopePatterns'
  | 'syncIntervalSeconds'
  | 'createdBy'
>;

export interface BackendRepository extends ResealableRepository {
  /** Undefined when the name is taken. */
  insert(write: BackendWrite): Promise<BackendRecord | undefined>;
  /**
   * Creates or refreshes a backend configured by the environment; undefined when a backend
   * of that name was registered through the API (it is left alone).
   */
  upsertFromEnv(write: BackendWrite): Promise<BackendRecord | undefined>;
  list(): Promise<BackendRecord[]>;
  find(name: string): Promise<BackendRecord | undefined>;
  remove(name: string): Promise<boolean>;
  /**
   * Claims one backend whose sync is due (next_sync_at <= now), moving next_sync_at one
   * interval on, so that of several instances exactly one runs that tick. Rows other
   * transactions hold are skipped.
   */
  claimDueSync(): Promise<BackendRecord | undefined>;
  /** Records a sync's outcome; an error is pushed onto the error log (kept to `keepErrors`). */
  recordSync(
    name: string,
    outcome: { status: BackendSyncStatus; message: string; error?: string },
    keepErrors: number,
  ): Promise<void>;
  /** Makes `paths` the backend's discovered scopes; answers how many were new and gone. */
  replaceDiscovered(
    name: string,
    paths: readonly string[],
  ): Promise<{ added: number; removed: number; total: number }>;
  listDiscovered(name: string): Promise<string[]>;
  /** Discovered scope count per backend. */
  countDiscovered(): Promise<Map<string, number>>;
}
