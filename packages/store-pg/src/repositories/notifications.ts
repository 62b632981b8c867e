import type { NotificationRecord, NotificationRepository } from '@kici/core';
import { and, asc, desc, eq, gt, inArray, isNull, lte, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../database.js';
import { notifications } from '../schema.js';

type Row = typeof notifications.$inferSelect;

const toRecord = (row: Row): NotificationRecord => ({
  id: row.id,
  orgId: row.orgId,
  kind: row.kind,
  priority: row.priority,
  title: row.title,
  details: row.details as Record<string, unknown>,
  recipients: row.recipients as string[],
  createdAt: row.createdAt,
  acknowledgedAt: row.acknowledgedAt,
  acknowledgedBy: row.acknowledgedBy,
});

// Admin tokens are not per org: every active admin and owner token administers every org.
const RECIPIENTS = sql`(select coalesce(jsonb_agg(label order by label), '[]'::jsonb)
  from admin_tokens where role in ('owner', 'admin') and revoked_at is null
  and (expires_at is null or expires_at > now()))`;

const ms = (value: number) => sql`now() + ${value}::float8 * interval '1 millisecond'`;

/** Notifications to org admins: deduplicated by (org, dedupe key); the sink's queue. */
export function notificationRepository(db: Db): NotificationRepository {
  return {
    async raise(n) {
      const [row] = await db
        .insert(notifications)
        .values({ ...n, recipients: RECIPIENTS, sinkNextAt: sql`now()` })
        .onConflictDoNothing({ target: [notifications.orgId, notifications.dedupeKey] })
        .returning();
      return row ? toRecord(row) : undefined;
    },

    async list({ orgId, afterId, kind, unacknowledged, limit }) {
      const filters: SQL[] = [eq(notifications.orgId, orgId)];
      if (afterId !== undefined) filters.push(gt(notifications.id, afterId));
      if (kind !== undefined) filters.push(eq(notifications.kind, kind));
      if (unacknowledged) filters.push(isNull(notifications.acknowledgedAt));
      const rows = await db
        .select()
        .from(notifications)
        .where(and(...filters))
        .orderBy(afterId === undefined ? desc(notifications.id) : asc(notifications.id))
        .limit(limit);
      return rows.map(toRecord);
    },

    async acknowledge(orgId, id, by) {
      const where = and(
        eq(notifications.id, id),
        orgId === undefined ? undefined : eq(notifications.orgId, orgId),
      );
      await db
        .update(notifications)
        .set({ acknowledgedAt: sql`now()`, acknowledgedBy: by })
        .where(and(where, isNull(notifications.acknowledgedAt)));
      const [row] = await db.select().from(notifications).where(where);
      return row ? toRecord(row) : undefined;
    },

    async claimForSink(limit, leaseMs) {
      const due = db
        .select({ id: notifications.id })
        .from(notifications)
        .where(and(isNull(notifications.sinkSentAt), lte(notifications.sinkNextAt, sql`now()`)))
        .orderBy(asc(notifications.sinkNextAt))
        .limit(limit)
        .for('update', { skipLocked: true });
      const rows = await db
        .update(notifications)
        .set({ sinkNextAt: ms(leaseMs), sinkAttempts: sql`${notifications.sinkAttempts} + 1` })
        .where(inArray(notifications.id, due))
        .returning();
      return rows.map((row) => ({ notification: toRecord(row), attempts: row.sinkAttempts }));
    },

    async sinkSent(id) {
      await db
        .update(notifications)
        .set({ sinkSentAt: sql`now()`, sinkNextAt: null, sinkError: null })
        .where(eq(notifications.id, id));
    },

    async sinkFailed(id, error, retryInMs) {
      await db
        .update(notifications)
        .set({ sinkError: error, sinkNextAt: retryInMs === null ? null : ms(retryInMs) })
        .where(eq(notifications.id, id));
    },
  };
}
