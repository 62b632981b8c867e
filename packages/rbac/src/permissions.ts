/**
 * The 19 permissions of the orchestrator's secrets admin API. The seed writes the four
 * context permissions as `context.*`; they are spelled out here so that every check names
 * exactly one permission.
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

const permissionSet: ReadonlySet<string> = new Set(PERMISSIONS);

export function isPermission(value: unknown): value is Permission {
  return typeof value === 'string' && permissionSet.has(value);
}
