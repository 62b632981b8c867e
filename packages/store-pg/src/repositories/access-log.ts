import type { AccessLogRecord, AccessLogRepository } from '@kici/core';
import { and, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../database.js';
import { extAccessLog, extReadWindows } from '../schema.js';

/** The access log of extension secrets and the read counters behind its anomaly alerts. */
export function accessLogRepository(db: Db): AccessLogRepository {
  return {
    async append(rows) {
      if (rows.length === 0) return;
      await db.insert(extAccessLog).values(rows.map((row) => ({ ...row })));
    },

    async query({ orgId, key, action, source, limit }) {
      const filters: SQL[] = [eq(extAccessLog.orgId, orgId)];
      if (key !== undefined) filters.push(eq(extAccessLog.key, key));
      if (action !== undefined) filters.push(eq(extAccessLog.action, action));
      if (source !== undefined) filters.push(eq(extAccessLog.source, source));
      const rows = await db
        .select()
        .from(extAccessLog)
        .where(and(...filters))
        .orderBy(desc(extAccessLog.at), desc(extAccessLog.id))
        .limit(limit);
      return rows.map(
        (row): AccessLogRecord => ({
          ...row,
          action: row.action as AccessLogRecord['action'],
          source: row.source as AccessLogRecord['source'],
        }),
      );
    },

    async countReads(windowStart, increments) {
      if (increments.length === 0) return [];
      const rows = await db
        .insert(extReadWindows)
        .values(
          increments.map(({ orgId, scope, key, reads }) => ({
            orgId,
            scope,
            key,
            windowStart,
            reads,
          })),
        )
        .onConflictDoUpdate({
          target: [
            extReadWindows.orgId,
            extReadWindows.scope,
            extReadWindows.key,
            extReadWindows.windowStart,
          ],
          set: { reads: sql`${extReadWindows.reads} + excluded.reads` },
        })
        .returning();
      const after = new Map(
        rows.map((row) => [JSON.stringify([row.orgId, row.scope, row.key]), row.reads]),
      );
      return increments.map((i) => after.get(JSON.stringify([i.orgId, i.scope, i.key])) ?? 0);
    },
  };
}
