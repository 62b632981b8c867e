/**
 * `@kici/core`: the services of KiCI Secrets — secrets, tokens, config, key rotation, audit —
 * and the ports its stores implement. RBAC checks and audit rows happen here, never in a
 * route or a command.
 * @module
 */
export { type Actor, actorName, SYSTEM_ACTOR_NAME } from './actor.js';
export { type AuditService, createAuditService } from './audit.js';
export { BackendError, type BackendFailure, type SecretBackend } from './backend-port.js';
export {
  type ConfigEntry,
  type ConfigService,
  type ConfigValue,
  configAad,
  createConfigService,
} from './config.js';
export {
  conflict,
  forbidden,
  INVALID_TOKEN_MESSAGE,
  invalidInput,
  KiciError,
  type KiciErrorCode,
  notFound,
  unauthorized,
} from './errors.js';
export { type AuditContext, auditEntry, authorize, failuresAudited } from './guard.js';
export { holdKeyring, type KeyringHolder } from './keyring-holder.js';
export type * from './ports.js';
export {
  createRotationService,
  ROTATION_BATCH_SIZE,
  type RotationResult,
  type RotationService,
} from './rotation.js';
export {
  createSecretService,
  DEFAULT_MAX_SECRET_BYTES,
  type SecretService,
  type SetSecretResult,
  splitScope,
} from './secrets.js';
export { type Core, type CoreOptions, createCore } from './services.js';
export {
  BOOTSTRAP_TOKEN_ID,
  createTokenService,
  TOKEN_CACHE_MS,
  type TokenService,
  type TokenStatus,
  type TokenView,
} from './tokens.js';
