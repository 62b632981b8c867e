import * as v from 'valibot';
import { queryInteger } from '../audit-query.js';
import { timestampSchema } from '../datetime.js';
import { ActorSchema, OrgIdSchema, SecretKeySchema } from '../fields.js';
import {
  ACCESS_ACTIONS,
  ACCESS_SOURCES,
  DEFAULT_ACCESS_LOG_LIMIT,
  DEFAULT_NOTIFICATION_LIMIT,
  MAX_ACCESS_LOG_LIMIT,
  MAX_NOTIFICATION_LIMIT,
  NOTIFICATION_KINDS,
} from '../vocabulary/monitoring.js';

/**
 * The extension store's monitoring (the Kiket seed's "Access logs & anomaly alerts"): the
 * access log, notifications to org admins. snake_case JSON; no answer carries a value.
 */

const picklist = <T extends readonly string[]>(field: string, options: T) =>
  v.picklist(options, `${field}: expected one of ${options.join(', ')}`);

/** A secret's scope as the extension store names it: `{ scope, id }`. */
export const ScopeViewSchema = v.strictObject({ scope: v.string(), id: v.string() });

/** GET /api/v1/secrets/audit?org_id=&key=&action=&source=&limit= */
export const AccessLogQuerySchema = v.strictObject({
  org_id: OrgIdSchema,
  key: v.optional(SecretKeySchema),
  action: v.optional(picklist('action', ACCESS_ACTIONS)),
  source: v.optional(picklist('source', ACCESS_SOURCES)),
  limit: queryInteger('limit', 1, MAX_ACCESS_LOG_LIMIT, DEFAULT_ACCESS_LOG_LIMIT),
});

export const AccessLogEntrySchema = v.strictObject({
  id: v.number(),
  at: timestampSchema('at'),
  key: v.string(),
  scope: ScopeViewSchema,
  action: picklist('action', ACCESS_ACTIONS),
  source: picklist('source', ACCESS_SOURCES),
  actor: ActorSchema,
  delivery_id: v.nullable(v.string()),
});

/** Newest first. */
export const AccessLogResponseSchema = v.strictObject({
  org_id: OrgIdSchema,
  entries: v.array(AccessLogEntrySchema, 'entries: expected an array'),
});

/** GET /api/v1/notifications?org_id=&after_id=&kind=&unacknowledged=&limit= */
export const NotificationsQuerySchema = v.strictObject({
  org_id: OrgIdSchema,
  after_id: v.optional(queryInteger('after_id', 0, Number.MAX_SAFE_INTEGER, 0)),
  kind: v.optional(picklist('kind', NOTIFICATION_KINDS)),
  unacknowledged: v.optional(
    v.pipe(
      v.union([v.string(), v.boolean()], 'unacknowledged: expected true or false'),
      v.check(
        (x) => [true, false, 'true', 'false'].includes(x),
        'unacknowledged: expected true or false',
      ),
      v.transform((x) => x === true || x === 'true'),
    ),
  ),
  limit: queryInteger('limit', 1, MAX_NOTIFICATION_LIMIT, DEFAULT_NOTIFICATION_LIMIT),
});

export const NotificationSchema = v.strictObject({
  id: v.number(),
  kind: v.string(),
  priority: v.string(),
  title: v.string(),
  /** Names, counts and times only. */
  details: v.record(v.string(), v.unknown()),
  recipients: v.array(v.string()),
  created_at: timestampSchema('created_at'),
  acknowledged_at: v.nullable(timestampSchema('acknowledged_at')),
  acknowledged_by: v.nullable(v.string()),
});

/** Newest first; oldest first (polling) when `after_id` was given. */
export const NotificationsResponseSchema = v.strictObject({
  notifications: v.array(NotificationSchema, 'notifications: expected an array'),
});

export const NotificationParamsSchema = v.strictObject({
  notificationId: v.pipe(
    v.string('notificationId: expected a number'),
    v.regex(
      /^[1-9][0-9]{0,15}$/,
      'notificationId: expected a notification id (a positive integer)',
    ),
    v.transform(Number),
  ),
});

/** POST /api/v1/notifications/:id/ack `{ org_id? }`: the org it must belong to, when given. */
export const AckNotificationBodySchema = v.strictObject({ org_id: v.optional(OrgIdSchema) });

export const AckNotificationResponseSchema = v.strictObject({ notification: NotificationSchema });
