import type { AccessLogRecord, AccessLogRepository, ReadIncrement } from '@kici/core';
import { and, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../database.js';
import { drizzleQuery } from '../rows.js';
import { extAccessLog } from '../schema.js';

/** The access log of extension secrets and the read counters behind its anomaly alerts. */
export function accessLogRepository(db: Db): AccessLogRepository {
  const query = drizzleQuery(db);
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

    async logReads(windowStart, rows) {
      if (rows.length === 0) return [];
      // The rows travel as one JSON parameter: the statement's text stays the same for any
      // number of reads, and both drivers pass it alike.
      return query<ReadIncrement>(sql`
        with reads as (
          select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
            as r("orgId" text, scope text, key text, action text, source text, actor text,
                 "deliveryId" text)
        ), logged as (
          insert into ext_access_log (org_id, scope, key, action, source, actor, delivery_id)
          select "orgId", scope, key, action, source, actor, "deliveryId" from reads
        )
        insert into ext_read_windows as w (org_id, scope, key, window_start, reads)
        select "orgId", scope, key, ${windowStart.toISOString()}::timestamptz, count(*)::int
        from reads group by "orgId", scope, key order by "orgId", scope, key
        on conflict (org_id, scope, key, window_start) do update set reads = w.reads + excluded.reads
        returning org_id as "orgId", scope, key, reads`);
    },
  };
}
