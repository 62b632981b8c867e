/**
 * The Store port: every domain's repository, with transactions and cross-instance locks.
 * Stores (@kici/store-pg) implement it; core never imports a store, a driver or SQL. Each
 * domain's repository lives in its own `port.ts`; a service takes a `Pick` of this.
 */
import type { AccessLogRepository } from './access-log/port.js';
import type { AuditRepository } from './audit/port.js';
import type { BackendRepository } from './backends/port.js';
import type { RotationPolicyRepository } from './compliance/port.js';
import type { ConfigRepository } from './config/port.js';
import type { DeliveryRepository } from './deliveries/port.js';
import type { EnvironmentRepository } from './environments/port.js';
import type { ExtensionRepository } from './extensions/port.js';
import type { OrgRepository } from './identity/port.js';
import type { KeyCheckRepository } from './keys/port.js';
import type { NotificationRepository } from './notifications/port.js';
import type { ChainRepository } from './resolution/port.js';
import type { RunRepository } from './runs/port.js';
import type { SecretRepository } from './secrets/port.js';
import type { RunKeyRepository } from './test-runs/port.js';
import type { TokenRepository } from './tokens/port.js';
import type { VariableRepository } from './variables/port.js';

export interface Repositories {
  readonly secrets: SecretRepository;
  readonly config: ConfigRepository;
  readonly tokens: TokenRepository;
  readonly audit: AuditRepository;
  readonly environments: EnvironmentRepository;
  readonly variables: VariableRepository;
  readonly runKeys: RunKeyRepository;
  readonly runs: RunRepository;
  readonly chains: ChainRepository;
  readonly backends: BackendRepository;
  readonly orgs: OrgRepository;
  readonly keyChecks: KeyCheckRepository;
  readonly extensions: ExtensionRepository;
  readonly deliveries: DeliveryRepository;
  readonly accessLog: AccessLogRepository;
  readonly notifications: NotificationRepository;
  readonly rotationPolicies: RotationPolicyRepository;
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
