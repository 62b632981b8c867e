import {
  DEFAULT_MAX_OUTPUT_BYTES,
  DEFAULT_MAX_OUTPUT_TOTAL_BYTES,
  DEFAULT_MAX_OUTPUTS_PER_JOB,
} from '@kici/contracts/vocabulary';
import type { Keyring } from '@kici/crypto';
import { createAccessLogService } from './access-log/service.js';
import { createAuditService } from './audit/service.js';
import type { BackendType, EnvBackend } from './backends/port.js';
import { type BackendServiceDeps, createBackendService } from './backends/service.js';
import { createComplianceService } from './compliance/service.js';
import type { ConfigValue } from './config/port.js';
import { createConfigService } from './config/service.js';
import type { DeliveryConfig } from './deliveries/config.js';
import { createDeliveryService } from './deliveries/service.js';
import type { RecordReads } from './deliveries/worker.js';
import { evaluateGates } from './environments/protection.js';
import { createEnvironmentService } from './environments/service.js';
import { extensionPgScope, scopeRefOf } from './extensions/ids.js';
import { chainScopes } from './extensions/resolve.js';
import { createExtensionService } from './extensions/service.js';
import { createIdentityService } from './identity/service.js';
import type { AuthFailureLimits } from './kernel/failure-limit.js';
import { holdKeyring } from './kernel/keyring-holder.js';
import { portableRunEnvelopes, type RunEnvelopes } from './kernel/run-envelopes.js';
import { createKeyCheckService } from './keys/service.js';
import { createNotificationService } from './notifications/service.js';
import type { NotificationSinkOptions } from './notifications/sink.js';
import {
  checkKnownConfig,
  createPolicyService,
  DEFAULT_WRITE_POLICY,
  type PolicyService,
  WRITE_POLICY_KEY,
} from './policy/service.js';
import { createResolutionService } from './resolution/service.js';
import { createRotationService, type RotationDeps } from './rotation/service.js';
import type { RunLimits } from './runs/outputs.js';
import { createRunService } from './runs/service.js';
import { createSecretService } from './secrets/service.js';
import type { Store } from './store.js';
import { createTestRunService } from './test-runs/service.js';
import { createTokenService } from './tokens/service.js';
import { createVariableService } from './variables/service.js';

export interface CoreOptions {
  readonly store: Store;
  /** The master keyring (current key, and the previous one during a rotation). */
  readonly keyring: Keyring;
  readonly maxSecretBytes?: number;
  readonly rotationBatchSize?: number;
  readonly onRotationBatch?: RotationDeps['onBatch'];
  readonly now?: () => Date;
  /** External backend kinds (`vault`), provided by the server. */
  readonly backendTypes?: Readonly<Record<string, BackendType>>;
  /** Backends configured by the environment (KICI_VAULT_*). */
  readonly envBackends?: readonly EnvBackend[];
  /** Names this instance in the audit rows of periodic work. */
  readonly instanceId?: string;
  /** Told of every backend sync that did not end `ok` (the server logs it). */
  readonly onSyncProblem?: BackendServiceDeps['onSyncProblem'];
  /** KICI_ORG_ID: the org meant when a client names none (else the only one there is). */
  readonly defaultOrg?: string | undefined;
  /** Failed authentications per client address and window (the server's KICI_AUTH_FAILURE_*). */
  readonly authFailureLimits?: AuthFailureLimits;
  /** X25519 envelopes: the server passes @kici/crypto/node's (native); portable by default. */
  readonly runEnvelopes?: RunEnvelopes;
  /** Per-job limits of cross-job outputs (KICI_RUN_MAX_*). */
  readonly runLimits?: RunLimits;
  /** KICI_JOB_CREDENTIAL_TTL_MS. */
  readonly jobCredentialTtlMs?: number;
  /** KICI_RUN_CLEANUP_INTERVAL_MS: how often one instance deletes orphaned run rows. */
  readonly runCleanupIntervalMs?: number;
  /** The delivery worker's settings (KICI_DELIVERY_*); defaults in DELIVERY_DEFAULTS. */
  readonly delivery?: Partial<DeliveryConfig>;
  /** Records a delivery's secret reads (the access log); a no-op by default. */
  readonly recordReads?: RecordReads;
  /** KICI_ACCESS_ALERT_READS / KICI_ACCESS_ALERT_WINDOW_MINUTES (defaults 25 and 15). */
  readonly accessAlert?: { readonly reads?: number; readonly windowMinutes?: number };
  /** KICI_NOTIFY_WEBHOOK_URL / _SECRET with the server's HTTP post; absent: no sink. */
  readonly notificationSink?: NotificationSinkOptions | undefined;
  /** KICI_ROTATION_AUDIT_INTERVAL_MS. */
  readonly rotationAuditIntervalMs?: number | undefined;
}

export const DEFAULT_RUN_LIMITS: RunLimits = {
  maxOutputsPerJob: DEFAULT_MAX_OUTPUTS_PER_JOB,
  maxOutputBytes: DEFAULT_MAX_OUTPUT_BYTES,
  maxOutputTotalBytes: DEFAULT_MAX_OUTPUT_TOTAL_BYTES,
};

/**
 * Every domain's service over one store and keyring: the one place that wires a domain to
 * another (policy reads config, resolution follows backends and protection rules, …), each
 * through a narrow function, so that no domain imports another's service. The keyring writes the highest key version the
 * store already holds, so that rows sealed after a restart are not older than a rotation.
 */
export async function createCore(options: CoreOptions) {
  const { store } = options;
  const stored = Math.max(
    await store.secrets.maxKeyVersion(),
    await store.config.maxKeyVersion(),
    await store.backends.maxKeyVersion(),
    await store.runKeys.maxKeyVersion(),
    await store.runs.maxKeyVersion(),
  );
  const keyring = holdKeyring(
    options.keyring.withVersion(Math.max(stored, options.keyring.version)),
  );
  let policy: PolicyService | undefined;
  const config = createConfigService({
    store,
    keyring,
    checkValue: checkKnownConfig,
    onChange: () => policy?.forget(),
  });
  policy = createPolicyService({
    store,
    readConfig: async (key) => (await config.read(key))?.value,
    setConfig: (actor, key, value) => config.set(actor, key, value),
  });
  // First boot stores the permissive default, so that a later change has a version to roll back to.
  await config.seed(WRITE_POLICY_KEY, DEFAULT_WRITE_POLICY as unknown as ConfigValue);
  const backends = createBackendService({
    store,
    keyring,
    types: options.backendTypes ?? {},
    ...(options.envBackends ? { envBackends: options.envBackends } : {}),
    ...(options.instanceId ? { instanceId: options.instanceId } : {}),
    ...(options.onSyncProblem ? { onSyncProblem: options.onSyncProblem } : {}),
  });
  // Checked by the server at start-up; rotation records the new version's check.
  const keyChecks = createKeyCheckService({ store, keyring });
  const resolution = createResolutionService({
    store,
    keyring,
    readExternal: (backend, path) => backends.readScopeIfRegistered(backend, path),
    evaluateGates,
  });
  const envelopes = options.runEnvelopes ?? portableRunEnvelopes;
  // A pg scope as the API shows it; a scope outside the five (signing secrets) keeps its id.
  const scopeView = (pgScope: string, orgId: string) =>
    scopeRefOf(pgScope, orgId) ?? { scope: 'internal', id: pgScope };
  const accessLog = createAccessLogService({
    store,
    alertReads: options.accessAlert?.reads,
    windowMinutes: options.accessAlert?.windowMinutes,
    now: options.now,
    scopeView,
  });
  const testRuns = createTestRunService({
    store,
    keyring,
    envelopes,
    openChain: resolution.open,
  });
  const extensions = createExtensionService({
    store,
    keyring,
    policy,
    openChain: resolution.open,
    readExternal: (backend, path) => backends.readScopeIfRegistered(backend, path),
    listBackends: () => store.backends.list(),
    linkKey: (backend, path) => backends.linkKey(backend, path),
    ...(options.maxSecretBytes ? { maxSecretBytes: options.maxSecretBytes } : {}),
    // In the write's transaction: its access-log rows, then its rotation webhooks (an outbox).
    afterWrite: async (tx, writes, actor, source) => {
      await accessLog.recordWrites(tx, writes, actor, source);
      await deliveries.enqueueRotations(tx, writes);
    },
  });
  const deliveries = createDeliveryService({
    store,
    keyring,
    extension: {
      resolve: (installation) => extensions.resolveInstallation(installation, { installation }),
      presentKeys: (installation) => extensions.gate.presentKeys(installation),
      chainScopes,
      pgScope: (ref) => extensionPgScope(ref.scope, ref.id),
      scopeRef: scopeRefOf,
    },
    recordReads: options.recordReads ?? accessLog.recordReads,
    ...(options.delivery ? { config: options.delivery } : {}),
    ...(options.instanceId ? { instanceId: options.instanceId } : {}),
  });
  return {
    store,
    keyring,
    policy,
    secrets: createSecretService({
      store,
      keyring,
      policy,
      backendExists: (name) => backends.exists(name),
      linkKey: (backend, path) => backends.linkKey(backend, path),
      readExternal: (backend, path) => backends.readScope(backend, path),
      ...(options.maxSecretBytes ? { maxSecretBytes: options.maxSecretBytes } : {}),
    }),
    identity: createIdentityService({ store, defaultOrg: options.defaultOrg }),
    tokens: createTokenService({
      store,
      ...(options.now ? { now: options.now } : {}),
      ...(options.authFailureLimits ? { failureLimits: options.authFailureLimits } : {}),
    }),
    config,
    keyChecks,
    rotation: createRotationService({
      store,
      keyring,
      recordKeyCheck: (ring) => keyChecks.record(ring),
      ...(options.rotationBatchSize ? { batchSize: options.rotationBatchSize } : {}),
      ...(options.onRotationBatch ? { onBatch: options.onRotationBatch } : {}),
    }),
    audit: createAuditService({ store }),
    environments: createEnvironmentService({
      store,
      policy,
      backendExists: (name) => backends.exists(name),
    }),
    backends,
    resolution,
    testRuns,
    runs: createRunService({
      store,
      keyring,
      envelopes,
      limits: options.runLimits ?? DEFAULT_RUN_LIMITS,
      resolve: (job, dispatch) => resolution.resolve(job, undefined, dispatch),
      runKey: (orgId, runId) => testRuns.runKey(orgId, runId),
      jobCredentialTtlMs: options.jobCredentialTtlMs,
      cleanupIntervalMs: options.runCleanupIntervalMs,
      instanceId: options.instanceId,
      failureLimits: options.authFailureLimits,
      ...(options.now ? { now: options.now } : {}),
    }),
    extensions,
    deliveries,
    accessLog,
    notifications: createNotificationService({ store, sink: options.notificationSink }),
    compliance: createComplianceService({
      store,
      now: options.now,
      scopeView,
      auditIntervalMs: options.rotationAuditIntervalMs,
      instanceId: options.instanceId,
    }),
    variables: createVariableService({
      store,
      policy,
      ...(options.maxSecretBytes ? { maxValueBytes: options.maxSecretBytes } : {}),
    }),
  };
}

export type Core = Awaited<ReturnType<typeof createCore>>;
