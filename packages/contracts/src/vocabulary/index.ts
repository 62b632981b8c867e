/**
 * `@kici/contracts/vocabulary`: the facts every package shares — the built-in backend's name,
 * value limits, the 401 message, surfaces and write operations, roles and permissions. Defined
 * here once, imported everywhere else. No dependency: @kici/rbac imports it without valibot.
 * @module
 */
export { PERMISSIONS, type Permission, ROLES, type Role } from './access.js';
export { BUILT_IN_BACKEND } from './backends.js';
export {
  ATTEMPT_OUTCOMES,
  type AttemptOutcome,
  CALLBACK_TIMEOUT_MAX_MS,
  CALLBACK_TIMEOUT_MIN_MS,
  DELIVERY_DEFAULTS,
  DELIVERY_ID,
  DELIVERY_KINDS,
  DELIVERY_LIST_DEFAULT_LIMIT,
  DELIVERY_LIST_MAX_LIMIT,
  DELIVERY_STATUSES,
  type DeliveryKind,
  type DeliveryStatus,
  EVENT_TYPE,
  MAX_SIGNING_WINDOW_SECONDS,
  ROTATION_EVENT_TYPE,
  SIGNING_SECRET_WINDOW_SECONDS,
  SUBSCRIBABLE_EVENTS,
  TEST_EVENT_TYPE,
} from './deliveries.js';
export {
  EXTENSION_ID,
  EXTENSION_SCOPES,
  type ExtensionScope,
  FIELD_STATUSES,
  type FieldStatusName,
  MANIFEST_FIELD_SCOPES,
  MANIFEST_FIELD_TYPES,
  MAX_EXTENSION_ID_LENGTH,
  MAX_SECRET_KEY_LENGTH,
  type ManifestFieldScope,
  PROJECT_KEY,
  SECRET_KEY,
} from './extensions.js';
export { DEFAULT_MAX_SECRET_BYTES, MAX_SECRET_BYTES_LIMIT } from './limits.js';
export { UNAUTHORIZED_MESSAGE } from './messages.js';
export {
  ACCESS_ACTIONS,
  ACCESS_SOURCES,
  type AccessAction,
  type AccessSource,
  DEFAULT_ACCESS_ALERT_READS,
  DEFAULT_ACCESS_ALERT_WINDOW_MINUTES,
  DEFAULT_ACCESS_LOG_LIMIT,
  DEFAULT_NOTIFICATION_LIMIT,
  DEFAULT_NOTIFY_TICK_MS,
  DEFAULT_ROTATION_AUDIT_INTERVAL_MS,
  MAX_ACCESS_LOG_LIMIT,
  MAX_NOTIFICATION_LIMIT,
  MAX_ROTATION_AGE_DAYS,
  NOTIFICATION_KINDS,
  NOTIFICATION_PRIORITIES,
  type NotificationKind,
  type NotificationPriority,
  SOURCE_HEADER,
} from './monitoring.js';
export {
  DEFAULT_MAX_OUTPUT_BYTES,
  DEFAULT_MAX_OUTPUT_TOTAL_BYTES,
  DEFAULT_MAX_OUTPUTS_PER_JOB,
  FINAL_JOB_STATES,
  type FinalJobState,
  JOB_CREDENTIAL_PREFIX,
  JOB_OUTPUT_BACKEND,
  JOB_STATES,
  type JobState,
  RUN_CLEANUP_INTERVAL_MS,
  RUN_ORPHAN_AGE_MS,
  RUN_STATES,
  type RunState,
} from './runs.js';
export { SURFACES, type Surface, WRITE_OPERATIONS, type WriteOperation } from './surfaces.js';
