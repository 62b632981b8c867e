/**
 * `@kici/core`: the services of KiCI Secrets, one folder per domain, and the ports its stores
 * implement. RBAC checks and audit rows happen here, never in a route or a command. This index
 * exports what the server, the stores and their tests use; a domain's internals stay inside.
 * @module
 */

// The Store port, and each domain's part of it.
export type * from './access-log/port.js';
export type { AccessLogService, AccessRead } from './access-log/service.js';
export { type KeyTrailDeps, keyAuditTrail } from './audit/key-trail.js';
export type * from './audit/port.js';
export type { AuditService } from './audit/service.js';
export type { AddBackendInput, BackendView } from './backends/admin.js';
export { createLatencyStats, type HealthColor, healthOf, maskUrl } from './backends/health.js';
export type * from './backends/port.js';
export type { BackendService, BackendServiceDeps } from './backends/service.js';
export type { SyncResult } from './backends/sync.js';
export {
  type ScopeTreeDeps,
  scopeTree,
  type TreeBackend,
  type TreeScope,
} from './backends/tree.js';
export type { RotationAuditResult } from './compliance/audit-job.js';
export type * from './compliance/port.js';
export type { RotationReport, RotationReportRow } from './compliance/report.js';
export type { ComplianceService } from './compliance/service.js';
export type * from './config/port.js';
export type { ConfigEntry, ConfigService } from './config/service.js';
// Wiring.
export { type Core, type CoreOptions, createCore, DEFAULT_RUN_LIMITS } from './core.js';
export type { DeliveryConfig } from './deliveries/config.js';
export { backoffMs } from './deliveries/config.js';
export { DELIVERY_ID, newDeliveryId } from './deliveries/ids.js';
export type { InvokeEvent } from './deliveries/invoke.js';
export type * from './deliveries/port.js';
export type { ClientTls, SendResult } from './deliveries/sender.js';
export type { DeliveryService, DeliveryServiceDeps } from './deliveries/service.js';
export { SIGNING_SECRET_KEY, type SigningSecretView } from './deliveries/signing.js';
export type { DeliveryDetail, DeliveryQuery } from './deliveries/views.js';
export type { RecordReads } from './deliveries/worker.js';
export type * from './environments/port.js';
export {
  type EnvironmentInput,
  type EnvironmentService,
  NO_RULES,
} from './environments/service.js';
export type { Deleted } from './extensions/deletes.js';
export type {
  FieldStatus,
  InstallationDeliveryStatus,
  InstallationStatus,
  KeySourceView,
} from './extensions/gate.js';
export {
  EXT_SCOPE_ROOT,
  extensionPgScope,
  installationChain,
  installationId,
  type ScopeRef,
  scopeRefOf,
} from './extensions/ids.js';
export {
  type ExtensionManifest,
  type ManifestField,
  parseManifest,
} from './extensions/manifest.js';
export { isPlaceholder } from './extensions/placeholder.js';
export type * from './extensions/port.js';
export type {
  ExtensionResolvedSecret,
  InstallationSecrets,
  ResolveOptions,
} from './extensions/resolve.js';
export type { ExtensionSecretView } from './extensions/secret-views.js';
export type { AfterWrite, LinkTarget, ScopeAddress } from './extensions/secrets.js';
export type { ExtensionService } from './extensions/service.js';
export type * from './identity/port.js';
export type { Identity, IdentityService } from './identity/service.js';
// What every domain shares.
export { backendConfigAad, configAad, runKeyAad } from './kernel/aad.js';
export {
  type Actor,
  actorName,
  DISPATCHER_ACTOR,
  requestSource,
  SYSTEM_ACTOR_NAME,
  sourceOf,
} from './kernel/actor.js';
export type { AuditEntry, AuditWriter, Outcome } from './kernel/audit-entry.js';
export { BackendError, type BackendFailure } from './kernel/backend-error.js';
export {
  conflict,
  forbidden,
  invalidInput,
  KiciError,
  type KiciErrorCode,
  notFound,
  unauthorized,
} from './kernel/errors.js';
export {
  type AuthFailureLimits,
  DEFAULT_AUTH_FAILURE_LIMITS,
  RateLimitedError,
} from './kernel/failure-limit.js';
export type { KeyringHolder } from './kernel/keyring-holder.js';
export type { ExternalReader, SecretLink } from './kernel/links.js';
export type { BatchPage, ResealableRepository, SealedRow } from './kernel/reseal.js';
export type { RunEnvelopes } from './kernel/run-envelopes.js';
export {
  INTERNAL_SCOPE_PREFIXES,
  isInternalScope,
  signingSecretScope,
  splitScope,
} from './kernel/scope.js';
export type * from './keys/port.js';
export type { KeyCheckOutcome, KeyCheckService } from './keys/service.js';
export type * from './notifications/port.js';
export type { NotificationService } from './notifications/service.js';
export { type NotificationSinkOptions, type SinkPost, sinkBody } from './notifications/sink.js';
export type * from './policy/port.js';
export {
  DEFAULT_WRITE_POLICY,
  isWriteOperation,
  PG_CUSTOMER_SECRETS_KEY,
  POLICY_CACHE_MS,
  type PolicyService,
  WRITE_POLICY_KEY,
} from './policy/service.js';
export type * from './resolution/port.js';
export type { Explanation, KeySource, Resolution, UnreachableScope } from './resolution/results.js';
export type { ResolutionService } from './resolution/service.js';
export {
  ROTATION_BATCH_SIZE,
  type RotatedTable,
  type RotateKeyOptions,
  type RotationResult,
  type RotationService,
  type UnreadableRow,
} from './rotation/service.js';
export { INVALID_JOB_CREDENTIAL, type JobPrincipal } from './runs/credentials.js';
export type { RunLimits } from './runs/outputs.js';
export type * from './runs/port.js';
export { DEFAULT_JOB_CREDENTIAL_TTL_MS, type RunService } from './runs/service.js';
export type * from './secrets/port.js';
export {
  type Allowance,
  type ScopeKeys,
  type ScopeKeysDeps,
  scopeKeys,
} from './secrets/scope-keys.js';
export type { SecretService, SetSecretResult } from './secrets/service.js';
export type * from './store.js';
export type * from './test-runs/port.js';
export {
  LOCAL_SOURCE,
  RUN_KEY_TTL_MS,
  type TestRunContext,
  type TestRunRequest,
  type TestRunResolution,
  type TestRunService,
  testRunLocalAad,
} from './test-runs/service.js';
export {
  createDispatcherAuth,
  type DispatcherAuth,
  INVALID_DISPATCHER_CREDENTIAL,
} from './tokens/dispatcher-auth.js';
export type * from './tokens/port.js';
export {
  BOOTSTRAP_TOKEN_ID,
  TOKEN_CACHE_MS,
  type TokenService,
  type TokenStatus,
  type TokenView,
} from './tokens/service.js';
export type * from './variables/port.js';
export type { SetVariableResult, VariableService, VariableView } from './variables/service.js';
