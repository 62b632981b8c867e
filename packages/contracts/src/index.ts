/**
 * `@kici/contracts`: the KiCI admin HTTP API as data. Valibot schemas for every request
 * and response, the route table the server mounts and the client calls, the error codes,
 * and a typed fetch client. Imports nothing of ours and no `node:` module.
 * @module
 */

export {
  type AuditQuery,
  type AuditQueryInput,
  AuditQuerySchema,
  DEFAULT_AUDIT_LIMIT,
  MAX_AUDIT_LIMIT,
} from './audit-query.js';
export * from './backends/gsm-config.js';
export * from './backends/vault-config.js';
export * from './backends/vault-path.js';
export {
  type AdminClient,
  type AdminClientOptions,
  createAdminClient,
  DEFAULT_TIMEOUT_MS,
} from './client/admin-client.js';
export type { DeliveriesClient, InstallationAddress } from './client/deliveries-client.js';
export type {
  ConfirmOption,
  ExtensionLinkTarget,
  ExtensionScopeRef,
  ExtensionsClient,
} from './client/extensions-client.js';
export type { MonitoringClient } from './client/monitoring-client.js';
export { parseIsoDateTime } from './datetime.js';
export {
  AUDIT_OUTCOMES,
  type AuditEntry,
  AuditEntrySchema,
  AuditResponseSchema,
} from './endpoints/audit.js';
export * from './endpoints/backends.js';
export {
  type ConfigEntry,
  ConfigEntrySchema,
  ConfigHistoryResponseSchema,
  ConfigParamsSchema,
  type ConfigVersion,
  ConfigVersionSchema,
  GetConfigResponseSchema,
  ListConfigResponseSchema,
  RollbackConfigBodySchema,
  RollbackConfigResponseSchema,
  SetConfigBodySchema,
  SetConfigResponseSchema,
} from './endpoints/config.js';
export { deliveryRoutes, internalDeliveryRoutes } from './endpoints/deliveries.routes.js';
export * from './endpoints/environments.js';
export * from './endpoints/extension-deliveries.js';
export * from './endpoints/extension-fields.js';
export * from './endpoints/extension-manifest.js';
export * from './endpoints/extension-model.js';
export * from './endpoints/extension-secrets.js';
export { extensionModelRoutes, extensionSecretRoutes } from './endpoints/extensions.routes.js';
export * from './endpoints/monitoring.js';
export { ACCESS_LOG_PATH, NOTIFICATIONS_PATH } from './endpoints/monitoring.routes.js';
export * from './endpoints/policy.js';
export * from './endpoints/resolve.js';
export * from './endpoints/rotation.js';
export * from './endpoints/rotation-csv.js';
export * from './endpoints/runs.js';
export {
  DeleteSecretResponseSchema,
  ListKeysQuerySchema,
  ListKeysResponseSchema,
  ListScopesQuerySchema,
  ListScopesResponseSchema,
  RevealSecretResponseSchema,
  type ScopeSummary,
  ScopeSummarySchema,
  type SecretKeyInfo,
  SecretKeyInfoSchema,
  SecretParamsSchema,
  SetSecretBodySchema,
  SetSecretResponseSchema,
} from './endpoints/secrets.js';
export {
  HealthzResponseSchema,
  ReadyzResponseSchema,
  RotateKeyBodySchema,
  RotateKeyResponseSchema,
  rotationMessage,
  UnreadableRowSchema,
} from './endpoints/system.js';
export {
  CreateTokenBodySchema,
  CreateTokenResponseSchema,
  ListTokensResponseSchema,
  RevokeTokenResponseSchema,
  TOKEN_STATUSES,
  type TokenInfo,
  TokenInfoSchema,
  TokenParamsSchema,
} from './endpoints/tokens.js';
export {
  DeleteVariableResponseSchema,
  ListVariablesQuerySchema,
  ListVariablesResponseSchema,
  SetVariableBodySchema,
  SetVariableResponseSchema,
  setVariableBodySchema,
  type VariableInfo,
  VariableInfoSchema,
  VariableParamsSchema,
} from './endpoints/variables.js';
export {
  ApiError,
  type ApiErrorCode,
  type ApiErrorInit,
  type ClientErrorCode,
  ERROR_CODES,
  type ErrorBody,
  ErrorBodySchema,
  type ErrorCode,
  type ErrorDetail,
  errorBody,
  isErrorCode,
} from './errors.js';
export {
  AuditActionSchema,
  ConfigKeySchema,
  OrgIdSchema,
  RoleSchema,
  SecretKeySchema,
  secretValueSchema,
  TokenIdSchema,
  TokenLabelSchema,
} from './fields.js';
export { type JsonValue, JsonValueSchema } from './json.js';
export {
  ADMIN_API_PREFIX,
  AGENT_API_PREFIX,
  agentRoutes,
  EXTENSIONS_API_PREFIX,
  INTERNAL_API_PREFIX,
  internalRoutes,
  type RouteInput,
  type RouteName,
  type RouteOutput,
  type RoutePart,
  type RoutePermission,
  type RouteResponse,
  type RouteSpec,
  type Routes,
  type RouteTable,
  routes,
} from './routes.js';
export {
  formatScope,
  isScopePath,
  type ParsedScope,
  parseScope,
  ScopeSchema,
} from './scope.js';
export { shapeResponse } from './shape.js';
export { SurfaceSchema } from './surface.js';
export { validationError } from './validation-error.js';
export * from './vocabulary/index.js';
