import { EXTENSIONS_API_PREFIX, type RouteTable } from '../route-spec.js';
import {
  AccessLogQuerySchema,
  AccessLogResponseSchema,
  AckNotificationBodySchema,
  AckNotificationResponseSchema,
  NotificationParamsSchema,
  NotificationsQuerySchema,
  NotificationsResponseSchema,
} from './monitoring.js';
import {
  DeleteRotationPolicyResponseSchema,
  PutRotationPolicyBodySchema,
  RotationAuditBodySchema,
  RotationAuditResponseSchema,
  RotationPolicyQuerySchema,
  RotationPolicyResponseSchema,
  RotationReportQuerySchema,
  RotationReportResponseSchema,
} from './rotation.js';

/** The seed's paths: the access log and notifications sit beside, not under, the extensions API. */
export const ACCESS_LOG_PATH = '/api/v1/secrets/audit';
export const NOTIFICATIONS_PATH = '/api/v1/notifications';
const E = EXTENSIONS_API_PREFIX;

/** The access log of extension secrets and the notifications it (and compliance) raise. */
export const monitoringRoutes = {
  accessLog: {
    method: 'GET',
    path: ACCESS_LOG_PATH,
    permission: 'access_log.read',
    query: AccessLogQuerySchema,
    response: AccessLogResponseSchema,
  },
  'notifications.list': {
    method: 'GET',
    path: NOTIFICATIONS_PATH,
    permission: 'access_log.read',
    query: NotificationsQuerySchema,
    response: NotificationsResponseSchema,
  },
  'notifications.ack': {
    method: 'POST',
    path: `${NOTIFICATIONS_PATH}/:notificationId/ack`,
    permission: 'context.update',
    params: NotificationParamsSchema,
    body: AckNotificationBodySchema,
    response: AckNotificationResponseSchema,
  },
} as const satisfies RouteTable;

/** Rotation compliance: the policy, the report, the audit job on demand. */
export const rotationRoutes = {
  'extensions.rotationPolicy.get': {
    method: 'GET',
    path: `${E}/rotation-policy`,
    permission: 'context.read',
    query: RotationPolicyQuerySchema,
    response: RotationPolicyResponseSchema,
  },
  'extensions.rotationPolicy.put': {
    method: 'PUT',
    path: `${E}/rotation-policy`,
    permission: 'context.update',
    body: PutRotationPolicyBodySchema,
    response: RotationPolicyResponseSchema,
  },
  'extensions.rotationPolicy.delete': {
    method: 'DELETE',
    path: `${E}/rotation-policy`,
    permission: 'context.update',
    query: RotationPolicyQuerySchema,
    response: DeleteRotationPolicyResponseSchema,
  },
  /** JSON here; `format=csv` answers text/csv (the server sends `rotationReportCsv`). */
  'extensions.rotationReport': {
    method: 'GET',
    path: `${E}/rotation-report`,
    permission: 'audit.read',
    query: RotationReportQuerySchema,
    response: RotationReportResponseSchema,
  },
  'extensions.rotationAudit.run': {
    method: 'POST',
    path: `${E}/rotation-audit/run`,
    permission: 'scheduled_job.trigger',
    body: RotationAuditBodySchema,
    response: RotationAuditResponseSchema,
  },
} as const satisfies RouteTable;
