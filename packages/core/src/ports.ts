/**
 * The ports @kici/core needs from storage. Stores (@kici/store-pg) implement them; core never
 * imports a store, a driver or SQL.
 */

export type Outcome = 'success' | 'denied' | 'failure';

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

/** What rotation needs from a table of envelopes. */
export interface ResealableRepository {
  maxKeyVersion(): Promise<number>;
  count(): Promise<number>;
  /**
   * Up to `limit` rows with key_version below `target`, last written at or before
   * `writtenBefore` (database time), locked until the transaction ends; rows another
   * transaction holds are skipped.
   */
  lockBatchBelowVersion(target: number, limit: number, writtenBefore: Date): Promise<SealedRow[]>;
  /** Writes new envelopes for many rows in one statement, all at `keyVersion`. */
  reseal(
    rows: readonly { id: number; ciphertext: Uint8Array }[],
    keyVersion: number,
  ): Promise<void>;
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

export interface TokenRecord {
  readonly id: string;
  readonly label: string;
  readonly role: string;
  readonly hash: string;
  readonly createdAt: Date;
  readonly createdBy: string;
  readonly expiresAt: Date | null;
  readonly revokedAt: Date | null;
  readonly lastUsedAt: Date | null;
}

export interface TokenRepository {
  insert(token: Omit<TokenRecord, 'createdAt' | 'revokedAt' | 'lastUsedAt'>): Promise<TokenRecord>;
  list(): Promise<TokenRecord[]>;
  find(id: string): Promise<TokenRecord | undefined>;
  findByHash(hash: string): Promise<TokenRecord | undefined>;
  revoke(id: string, at: Date): Promise<TokenRecord | undefined>;
  /** Gives an existing token a new secret (the fixed bootstrap token), un-revoking it. */
  replaceHash(id: string, hash: string): Promise<TokenRecord | undefined>;
  touch(id: string, at: Date): Promise<void>;
  /** Owner tokens neither revoked nor expired at `at`. */
  countActiveOwners(at: Date): Promise<number>;
}

export interface AuditEntry {
  readonly actor: string;
  readonly action: string;
  readonly outcome: Outcome;
  readonly orgId: string | null;
  readonly contextName: string | null;
  readonly routingKey: string | null;
  readonly metadata: Readonly<Record<string, unknown>>;
}

export interface AuditRecord extends AuditEntry {
  readonly id: number;
  readonly at: Date;
}

export interface AuditQuery {
  readonly contextName?: string | undefined;
  readonly routingKey?: string | undefined;
  readonly action?: string | undefined;
  readonly from?: Date | undefined;
  readonly to?: Date | undefined;
  readonly limit: number;
  readonly offset: number;
}

export interface AuditRepository {
  append(entry: AuditEntry): Promise<void>;
  /** Newest first. */
  query(query: AuditQuery): Promise<AuditRecord[]>;
}

/** Protection rules of an environment. An empty list puts no restriction on its dimension. */
export interface ProtectionRules {
  /** Globs over branch names (`main`, `release/*`) or full refs (`refs/tags/v*`). */
  readonly branches: readonly string[];
  /** Trigger types: `push`, `pull_request`, `schedule`, `manual`, `tag`, … */
  readonly triggers: readonly string[];
  /** Globs over `owner/name` (`acme/*`). */
  readonly repositories: readonly string[];
  /** Whether a pull request from a fork may pass at all. */
  readonly allowForks: boolean;
}

export interface EnvironmentRecord {
  readonly id: number;
  readonly orgId: string;
  readonly name: string;
  readonly rules: ProtectionRules;
  readonly allowLocalExecution: boolean;
  /** Bound scopes in order; the first one holding a key supplies it. */
  readonly scopes: readonly string[];
  /** Bumped by every change (rules, flag, bindings). */
  readonly revision: number;
  readonly createdAt: Date;
  readonly createdBy: string;
  readonly updatedAt: Date;
  readonly updatedBy: string;
}

export interface EnvironmentWrite {
  readonly rules: ProtectionRules;
  readonly allowLocalExecution: boolean;
  readonly scopes: readonly string[];
}

export interface EnvironmentRepository {
  /** Undefined when the org already has an environment of that name. */
  create(
    orgId: string,
    name: string,
    write: EnvironmentWrite,
    actor: string,
  ): Promise<EnvironmentRecord | undefined>;
  list(orgId: string): Promise<EnvironmentRecord[]>;
  find(orgId: string, name: string): Promise<EnvironmentRecord | undefined>;
  /** Replaces rules, flag and bindings; undefined when there is no such environment. */
  update(
    orgId: string,
    name: string,
    write: EnvironmentWrite,
    actor: string,
  ): Promise<EnvironmentRecord | undefined>;
  remove(orgId: string, name: string): Promise<boolean>;
}

export interface VariableRecord {
  readonly id: number;
  readonly orgId: string;
  readonly scope: string;
  readonly key: string;
  readonly value: string;
  readonly locked: boolean;
  readonly createdAt: Date;
  readonly createdBy: string;
  readonly updatedAt: Date;
  readonly updatedBy: string;
}

export interface VariableRepository {
  upsert(write: {
    orgId: string;
    scope: string;
    key: string;
    value: string;
    locked: boolean;
    actor: string;
  }): Promise<{ record: VariableRecord; created: boolean }>;
  find(orgId: string, scope: string, key: string): Promise<VariableRecord | undefined>;
  /** A scope's variables by key, or (without `scope`) every variable of the org. */
  list(orgId: string, scope?: string): Promise<VariableRecord[]>;
  remove(orgId: string, scope: string, key: string): Promise<boolean>;
}

/** What resolution needs of a stored secret. */
export interface SealedSecret {
  readonly scope: string;
  readonly key: string;
  readonly ciphertext: Uint8Array;
  /** `pg` for a stored value; a backend's name for a link to a path on it. */
  readonly backendType: string;
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

export interface Repositories {
  readonly secrets: SecretRepository;
  readonly config: ConfigRepository;
  readonly tokens: TokenRepository;
  readonly audit: AuditRepository;
  readonly environments: EnvironmentRepository;
  readonly variables: VariableRepository;
  readonly runKeys: RunKeyRepository;
  readonly chains: ChainRepository;
  readonly backends: BackendRepository;
}

export interface StoreHealth {
  readonly database: boolean;
  readonly migrations: boolean;
}

export interface Store extends Repositories {
  /** Runs `work` in one database transaction: all of its writes commit, or none. */
  transaction<T>(work: (tx: Repositories) => Promise<T>): Promise<T>;
  /** Runs `work` while holding a lock that every instance on this database shares. */
  exclusive<T>(name: string, work: () => Promise<T>): Promise<T>;
  health(): Promise<StoreHealth>;
  /** The database's clock, which stamps every row. */
  now(): Promise<Date>;
  close(): Promise<void>;
}
