/**
 * The extension store's monitoring vocabulary (the Kiket seed's "Access logs & anomaly
 * alerts" and "Rotation compliance"): what the access log records, the notifications it
 * raises, and their defaults.
 */

/** What an access log row records: a read (by a delivery) or one of the four writes. */
export const ACCESS_ACTIONS = ['read', 'set', 'link', 'rotate', 'delete'] as const;
export type AccessAction = (typeof ACCESS_ACTIONS)[number];

/** Where an access came from: a delivery's resolution, the CLI, the raw API, the dashboard. */
export const ACCESS_SOURCES = ['delivery', 'cli', 'api', 'ui'] as const;
export type AccessSource = (typeof ACCESS_SOURCES)[number];

/** The header the CLI's HTTP client sends on every request (`x-kici-source: cli`). */
export const SOURCE_HEADER = 'x-kici-source';

/** "The last 200 secret reads/writes by default"; a query may ask up to 1000. */
export const DEFAULT_ACCESS_LOG_LIMIT = 200;
export const MAX_ACCESS_LOG_LIMIT = 1000;

/** "More than 25 reads … within a 15-minute window" (KICI_ACCESS_ALERT_*). */
export const DEFAULT_ACCESS_ALERT_READS = 25;
export const DEFAULT_ACCESS_ALERT_WINDOW_MINUTES = 15;

export const NOTIFICATION_KINDS = [
  'access_anomaly',
  'rotation_overdue',
  'rotation_reminder',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export const NOTIFICATION_PRIORITIES = ['high', 'normal'] as const;
export type NotificationPriority = (typeof NOTIFICATION_PRIORITIES)[number];
export const DEFAULT_NOTIFICATION_LIMIT = 50;
export const MAX_NOTIFICATION_LIMIT = 500;

/** A rotation policy's bounds: a maximum age of 1..3650 days, reminders 0..max days before. */
export const MAX_ROTATION_AGE_DAYS = 3650;

/** KICI_NOTIFY_TICK_MS and KICI_ROTATION_AUDIT_INTERVAL_MS defaults. */
export const DEFAULT_NOTIFY_TICK_MS = 5000;
export const DEFAULT_ROTATION_AUDIT_INTERVAL_MS = 3_600_000;
