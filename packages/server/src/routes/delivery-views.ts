import type { DeliveryAttempt, DeliveryRecord, InstallationDeliveryStatus } from '@kici/core';

/** Deliveries in the API's snake_case JSON (the response schemas pick). No payload, no value. */

export const deliveryInfo = (d: DeliveryRecord) => ({
  id: d.id,
  org_id: d.orgId,
  project_key: d.projectKey,
  extension_id: d.extensionId,
  kind: d.kind,
  event_type: d.eventType,
  status: d.status,
  attempts: d.attempts,
  max_attempts: d.maxAttempts,
  next_attempt_at: d.nextAttemptAt,
  last_status_code: d.lastStatusCode,
  last_error: d.lastError,
  created_at: d.createdAt,
  created_by: d.createdBy,
  completed_at: d.completedAt,
});

const attemptInfo = (a: DeliveryAttempt) => ({
  attempt: a.attempt,
  started_at: a.startedAt,
  latency_ms: a.latencyMs,
  status_code: a.statusCode,
  outcome: a.outcome,
  error: a.error,
});

/** The detail: its attempts, and the event's payload only when core handed it over. */
export const deliveryDetailInfo = (
  d: DeliveryRecord & { attemptLog: readonly DeliveryAttempt[]; eventPayload?: unknown },
) => ({
  ...deliveryInfo(d),
  attempt_log: d.attemptLog.map(attemptInfo),
  ...('eventPayload' in d && d.eventPayload !== undefined ? { event_payload: d.eventPayload } : {}),
});

/** What an enqueue answers: the delivery to follow (202). */
export const invocationInfo = (d: DeliveryRecord) => ({ delivery_id: d.id, status: d.status });

/** An installation status's `delivery`: its latest one (nulls before any). */
export const lastDeliveryInfo = (d: InstallationDeliveryStatus) => ({
  last_delivery_at: d.lastDeliveryAt,
  last_status: d.lastStatus,
  last_status_code: d.lastStatusCode,
  last_error: d.lastError,
});

export const signingSecretInfo = (s: { secret: string; previousExpiresAt: Date | null }) => ({
  secret: s.secret,
  previous_expires_at: s.previousExpiresAt,
});
