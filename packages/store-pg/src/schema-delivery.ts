import {
  bigserial,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { createdAt } from './schema-columns.js';
import { extInstallations } from './schema-extensions.js';

/**
 * Delivering secrets to extensions (the Kiket seed's runtime delivery and monitoring): the
 * outbox of invocations, each attempt, the access log, the read counters behind anomaly
 * alerts, notifications to org admins, and each org's rotation policy. No table here holds a
 * secret value: a delivery's secrets are resolved just before each attempt and never stored.
 */

const at = (name: string) => timestamp(name, { withTimezone: true });

/**
 * The outbox: one row per invocation (or rotation webhook) of an installation. Workers claim
 * due rows with FOR UPDATE SKIP LOCKED and hold them for a lease, so that with several
 * instances each delivery is attempted by exactly one at a time, and a crashed instance's
 * claim runs again once its lease ends.
 */
export const extDeliveries = pgTable(
  'ext_deliveries',
  {
    /** The Standard Webhooks `webhook-id` (`msg_…`), the same on every attempt. */
    id: text('id').primaryKey(),
    orgId: text('org_id').notNull(),
    projectKey: text('project_key').notNull(),
    extensionId: text('extension_id').notNull(),
    /** `invocation` (an event for the extension) or `rotation` (a rotation webhook). */
    kind: text('kind').notNull(),
    eventType: text('event_type').notNull(),
    /** The event's own payload, as the dispatcher sent it (never the secrets). */
    payload: jsonb('payload').notNull(),
    /** pending → delivered | failed (attempts exhausted, or refused before sending). */
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull(),
    nextAttemptAt: at('next_attempt_at').notNull().defaultNow(),
    lockedBy: text('locked_by'),
    lockedUntil: at('locked_until'),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    createdAt: createdAt(),
    createdBy: text('created_by').notNull(),
    completedAt: at('completed_at'),
  },
  (t) => [
    // An uninstalled extension's deliveries (and their attempts) go with it.
    foreignKey({
      columns: [t.orgId, t.projectKey, t.extensionId],
      foreignColumns: [
        extInstallations.orgId,
        extInstallations.projectKey,
        extInstallations.extensionId,
      ],
      name: 'ext_deliveries_installation_fk',
    }).onDelete('cascade'),
    index('ext_deliveries_due_idx').on(t.status, t.nextAttemptAt),
    index('ext_deliveries_installation_idx').on(t.orgId, t.projectKey, t.extensionId, t.createdAt),
  ],
);

/** Each attempt of a delivery: its outcome and latency (never the payload). */
export const extDeliveryAttempts = pgTable(
  'ext_delivery_attempts',
  {
    deliveryId: text('delivery_id')
      .notNull()
      .references(() => extDeliveries.id, { onDelete: 'cascade' }),
    attempt: integer('attempt').notNull(),
    startedAt: at('started_at').notNull(),
    latencyMs: integer('latency_ms').notNull(),
    /** The receiver's HTTP status; null when none came (timeout, refused, TLS). */
    statusCode: integer('status_code'),
    /** delivered | retry | failed */
    outcome: text('outcome').notNull(),
    error: text('error'),
    instanceId: text('instance_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.deliveryId, t.attempt] })],
);

/**
 * Every read and write of an extension secret: key, action, source, actor, time. Writes are
 * recorded in the transaction of the write; a delivery's reads in one batched insert.
 */
export const extAccessLog = pgTable(
  'ext_access_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orgId: text('org_id').notNull(),
    /** The secret's pg scope (`pg:__ext__/…`). */
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    /** read | set | link | rotate | delete */
    action: text('action').notNull(),
    /** delivery | cli | api | ui */
    source: text('source').notNull(),
    actor: text('actor').notNull(),
    /** The delivery a read belongs to, when it does. */
    deliveryId: text('delivery_id'),
    at: at('at').notNull().defaultNow(),
  },
  (t) => [
    index('ext_access_log_org_at_idx').on(t.orgId, t.at),
    index('ext_access_log_org_key_idx').on(t.orgId, t.key, t.at),
  ],
);

/** Reads per secret and fixed window, counted in PostgreSQL (right with several instances). */
export const extReadWindows = pgTable(
  'ext_read_windows',
  {
    orgId: text('org_id').notNull(),
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    windowStart: at('window_start').notNull(),
    reads: integer('reads').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.scope, t.key, t.windowStart] })],
);

/**
 * Notifications to an org's admins (access anomalies, rotation compliance). `dedupeKey` makes
 * "once per key per window" and "once per secret per period" a unique constraint; the sink
 * columns track delivery to the operator-configured webhook.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orgId: text('org_id').notNull(),
    kind: text('kind').notNull(),
    /** high | normal */
    priority: text('priority').notNull(),
    dedupeKey: text('dedupe_key').notNull(),
    title: text('title').notNull(),
    /** Names, counts and times only: never a value. */
    details: jsonb('details').notNull(),
    /** The admins it is addressed to (token names at the time), for evidence. */
    recipients: jsonb('recipients').notNull(),
    createdAt: createdAt(),
    acknowledgedAt: at('acknowledged_at'),
    acknowledgedBy: text('acknowledged_by'),
    sinkSentAt: at('sink_sent_at'),
    sinkAttempts: integer('sink_attempts').notNull().default(0),
    sinkNextAt: at('sink_next_at'),
    sinkError: text('sink_error'),
  },
  (t) => [
    uniqueIndex('notifications_dedupe_idx').on(t.orgId, t.dedupeKey),
    index('notifications_org_created_idx').on(t.orgId, t.createdAt),
  ],
);

/** Each org's rotation policy: the maximum age of a secret, and when to remind before it. */
export const extRotationPolicies = pgTable('ext_rotation_policies', {
  orgId: text('org_id').primaryKey(),
  maxAgeDays: integer('max_age_days').notNull(),
  remindDays: integer('remind_days').notNull(),
  updatedAt: at('updated_at').notNull().defaultNow(),
  updatedBy: text('updated_by').notNull(),
});
