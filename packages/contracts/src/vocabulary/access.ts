/**
 * The 19 permissions of the orchestrator's secrets admin API. The seed writes the four
 * context permissions as `context.*`; they are spelled out here so that every check names
 * exactly one permission. Which role grants which is @kici/rbac's business.
 */
export const PERMISSIONS = [
  'context.read',
  'context.create',
  'context.update',
  'context.delete',
  'secret.read',
  'secret.write',
  'secret.delete',
  'secret.reveal',
  'audit.read',
  'token.manage',
  'key.rotate',
  'run.read',
  'run.cancel',
  'event_log.read',
  'event_log.read_payload',
  'access_log.read',
  'scheduled_job.trigger',
  'event_dlq.read',
  'event_dlq.manage',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

/** The fixed three roles; there is no member role at this layer. */
export const ROLES = ['owner', 'admin', 'auditor'] as const;

export type Role = (typeof ROLES)[number];
