/**
 * `@kici/core`: the services of KiCI Secrets — secrets, tokens, config, key rotation, audit —
 * and the ports its stores implement. RBAC checks and audit rows happen here, never in a
 * route or a command.
 * @module
 */
export { type Actor, actorName, SYSTEM_ACTOR_NAME } from './actor.js';
export { type AuditService, createAuditService } from './audit.js';
export { createLatencyStats, type HealthColor, healthOf, maskUrl } from './backend-health.js';
export { BackendError, type BackendFailure, type SecretBackend } from './backend-port.js';
export {
  type AddBackendInput,
  type BackendService,
  type BackendServiceDeps,
  type BackendType,
  type BackendView,
  backendConfigAad,
  createBackendService,
  type EnvBackend,
  type SyncResult,
} from './backends.js';
export { type ChainEntry, walkChain } from './chain.js';
export {
  type ConfigEntry,
  type ConfigService,
  type ConfigValue,
  configAad,
  createConfigService,
} from './config.js';
export {
  createDispatcherAuth,
  type DispatcherAuth,
  INVALID_DISPATCHER_CREDENTIAL,
} from './dispatcher-auth.js';
export {
  createEnvironmentService,
  type EnvironmentInput,
  type EnvironmentService,
  NO_RULES,
} from './environments.js';
export {
  conflict,
  forbidden,
  invalidInput,
  KiciError,
  type KiciErrorCode,
  notFound,
  unauthorized,
} from './errors.js';
export { globMatches, globToRegExp } from './glob.js';
export { type AuditContext, auditEntry, authorize, failuresAudited } from './guard.js';
export { holdKeyring, type KeyringHolder } from './keyring-holder.js';
export {
  checkKnownConfig,
  createPolicyService,
  DEFAULT_WRITE_POLICY,
  isWriteOperation,
  PG_CUSTOMER_SECRETS_KEY,
  POLICY_CACHE_MS,
  type PolicyService,
  WRITE_POLICY_KEY,
  type WritePolicy,
} from './policy.js';
export type * from './ports.js';
export {
  evaluateGates,
  type GateName,
  type GateResult,
  type JobContext,
  qualifiedPattern,
  qualifiedRef,
} from './protection.js';
export {
  createResolutionService,
  DISPATCHER_ACTOR,
  type Explanation,
  type ExternalReader,
  type KeySource,
  type Resolution,
  type ResolutionService,
  type ResolvedSecret,
  type ResolvedVariable,
  type SecretLink,
  type UnreachableScope,
} from './resolution.js';
export {
  createRotationService,
  ROTATION_BATCH_SIZE,
  type RotatedTable,
  type RotationResult,
  type RotationService,
} from './rotation.js';
export {
  createSecretService,
  INTERNAL_SCOPE_PREFIXES,
  isInternalScope,
  type SecretService,
  type SetSecretResult,
  splitScope,
} from './secrets.js';
export { type Core, type CoreOptions, createCore } from './services.js';
export {
  createTestRunService,
  LOCAL_SOURCE,
  RUN_KEY_TTL_MS,
  runKeyAad,
  type TestRunContext,
  type TestRunRequest,
  type TestRunResolution,
  type TestRunService,
  testRunLocalAad,
} from './test-runs.js';
export {
  BOOTSTRAP_TOKEN_ID,
  createTokenService,
  TOKEN_CACHE_MS,
  type TokenService,
  type TokenStatus,
  type TokenView,
} from './tokens.js';
export {
  createVariableService,
  type SetVariableResult,
  type VariableService,
  type VariableView,
} from './variables.js';
