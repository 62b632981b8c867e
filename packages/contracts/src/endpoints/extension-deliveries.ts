import * as v from 'valibot';
import { timestampSchema } from '../datetime.js';
import { ActorSchema, integerAtLeast, OrgIdSchema } from '../fields.js';
import { JsonValueSchema } from '../json.js';
import {
  ATTEMPT_OUTCOMES,
  DELIVERY_ID,
  DELIVERY_KINDS,
  DELIVERY_LIST_MAX_LIMIT,
  DELIVERY_STATUSES,
  EVENT_TYPE,
  MAX_SIGNING_WINDOW_SECONDS,
} from '../vocabulary/deliveries.js';
import { extensionIdSchema, projectKeySchema } from './extension-fields.js';

/**
 * Deliveries to extensions: invocations (the dispatcher's and test invokes), the outbox's
 * rows and their attempts, and each installation's signing secret. No record carries a
 * secret value: a delivery's secrets are resolved just before each attempt.
 */

export function eventTypeSchema(field: string) {
  return v.pipe(
    v.string(`${field}: expected a string`),
    v.regex(
      EVENT_TYPE,
      `${field}: expected an event type of lower case letters, digits, ".", "_" or "-", starting with a letter, at most 128 characters (e.g. issue.created)`,
    ),
  );
}

export function deliveryIdSchema(field = 'id') {
  return v.pipe(
    v.string(`${field}: expected a string`),
    v.regex(DELIVERY_ID, `${field}: expected a delivery id (msg_ and 26 base32 characters)`),
  );
}

const payloadSchema = (field: string) =>
  v.pipe(
    v.unknown(),
    v.check((value) => v.is(JsonValueSchema, value), `${field}: expected a JSON value`),
  );

/** POST /internal/v1/extensions/invocations: the dispatcher names the installation and event. */
export const InternalInvocationBodySchema = v.strictObject({
  org_id: OrgIdSchema,
  project_key: projectKeySchema('project_key'),
  extension_id: extensionIdSchema('extension_id'),
  event: v.strictObject(
    {
      type: eventTypeSchema('event.type'),
      payload: v.optional(payloadSchema('event.payload')),
    },
    'event: expected an object { type, payload }',
  ),
});

/** POST …/installations/:orgId/:projectKey/:extensionId/invoke: a test event (kiket.test). */
export const InvokeBodySchema = v.strictObject({
  event_type: v.optional(eventTypeSchema('event_type')),
  payload: v.optional(payloadSchema('payload')),
});

/** What an enqueue answers (202): the delivery to follow. */
export const InvocationResponseSchema = v.strictObject({
  delivery_id: deliveryIdSchema('delivery_id'),
  status: v.picklist(DELIVERY_STATUSES, 'status: expected pending, delivered or failed'),
});

const limitMessage = `limit: expected a number from 1 to ${DELIVERY_LIST_MAX_LIMIT}`;

/** GET /deliveries?org_id=&project=&extension=&status=&limit= */
export const ListDeliveriesQuerySchema = v.strictObject({
  org_id: OrgIdSchema,
  project: v.optional(projectKeySchema('project')),
  extension: v.optional(extensionIdSchema('extension')),
  status: v.optional(
    v.picklist(DELIVERY_STATUSES, 'status: expected pending, delivered or failed'),
  ),
  limit: v.optional(
    v.pipe(
      v.string(limitMessage),
      v.regex(/^[1-9][0-9]{0,3}$/, limitMessage),
      v.transform(Number),
      v.maxValue(DELIVERY_LIST_MAX_LIMIT, limitMessage),
    ),
  ),
});

export const DeliveryParamsSchema = v.strictObject({ deliveryId: deliveryIdSchema('deliveryId') });

const nullableTime = (field: string) => v.nullable(timestampSchema(field));

/** A delivery as listed: no payload, no value. */
export const DeliverySchema = v.strictObject({
  id: deliveryIdSchema('id'),
  org_id: OrgIdSchema,
  project_key: projectKeySchema('project_key'),
  extension_id: extensionIdSchema('extension_id'),
  kind: v.picklist(DELIVERY_KINDS, 'kind: expected invocation or rotation'),
  event_type: v.string('event_type: expected a string'),
  status: v.picklist(DELIVERY_STATUSES, 'status: expected pending, delivered or failed'),
  attempts: integerAtLeast('attempts', 0),
  max_attempts: integerAtLeast('max_attempts', 1),
  next_attempt_at: timestampSchema('next_attempt_at'),
  last_status_code: v.nullable(integerAtLeast('last_status_code', 0)),
  /** Names keys, the receiver's host and a status: never a value. */
  last_error: v.nullable(v.string('last_error: expected a string')),
  created_at: timestampSchema('created_at'),
  created_by: ActorSchema,
  completed_at: nullableTime('completed_at'),
});

export const ListDeliveriesResponseSchema = v.strictObject({
  deliveries: v.array(DeliverySchema, 'deliveries: expected an array'),
});

export const DeliveryAttemptSchema = v.strictObject({
  attempt: integerAtLeast('attempt', 1),
  started_at: timestampSchema('started_at'),
  latency_ms: integerAtLeast('latency_ms', 0),
  /** null when no answer came (timeout, refused connection, TLS). */
  status_code: v.nullable(integerAtLeast('status_code', 0)),
  outcome: v.picklist(ATTEMPT_OUTCOMES, 'outcome: expected delivered, retry or failed'),
  error: v.nullable(v.string('error: expected a string')),
});

/** GET /deliveries/:id: the attempts, and the event's payload with event_log.read_payload. */
export const DeliveryDetailSchema = v.strictObject({
  ...DeliverySchema.entries,
  attempt_log: v.array(DeliveryAttemptSchema, 'attempt_log: expected an array'),
  event_payload: v.optional(v.unknown()),
});

/** The installation status's latest delivery ("the installation shows it"); nulls before any. */
export const LastDeliverySchema = v.strictObject({
  last_delivery_at: nullableTime('last_delivery_at'),
  last_status: v.nullable(
    v.picklist(DELIVERY_STATUSES, 'last_status: expected pending, delivered or failed'),
  ),
  last_status_code: v.nullable(integerAtLeast('last_status_code', 0)),
  last_error: v.nullable(v.string('last_error: expected a string')),
});

/** The signing secret of an installation (`whsec_…`); never the previous one. */
export const SigningSecretSchema = v.strictObject({
  secret: v.pipe(
    v.string('secret: expected a string'),
    v.startsWith('whsec_', 'secret: expected a whsec_ secret'),
  ),
  previous_expires_at: nullableTime('previous_expires_at'),
});

/** POST …/signing-secret/rotate: how long the previous secret still signs (0 drops it now). */
export const RotateSigningSecretBodySchema = v.strictObject({
  window_seconds: v.optional(
    v.pipe(
      integerAtLeast('window_seconds', 0),
      v.maxValue(
        MAX_SIGNING_WINDOW_SECONDS,
        `window_seconds: expected an integer from 0 to ${MAX_SIGNING_WINDOW_SECONDS}`,
      ),
    ),
  ),
});

export type Delivery = v.InferOutput<typeof DeliverySchema>;
export type DeliveryDetail = v.InferOutput<typeof DeliveryDetailSchema>;
export type DeliveryAttempt = v.InferOutput<typeof DeliveryAttemptSchema>;
export type LastDelivery = v.InferOutput<typeof LastDeliverySchema>;
