import type { AuditRecord, AuditRepository, Outcome } from '@kici/core';
import { and, desc, eq, gte, lte, type SQL } from 'drizzle-orm';
import type { Db } from '../database.js';
import { auditLog } from '../schema.js';

export function auditRepository(db: Db): AuditRepository {
  return {
    async append(entry) {
      await db.insert(auditLog).values({ ...entry, metadata: { ...entry.metadata } });
    },
    async query({ contextName, routingKey, action, from, to, limit, offset }) {
      const filters: SQL[] = [];
      if (contextName !== undefined) filters.push(eq(auditLog.contextName, contextName));
      if (routingKey !== undefined) filters.push(eq(auditLog.routingKey, routingKey));
      if (action !== undefined) filters.push(eq(auditLog.action, action));
      if (from !== undefined) filters.push(gte(auditLog.at, from));
      if (to !== undefined) filters.push(lte(auditLog.at, to));
      const rows = await db
        .select()
        .from(auditLog)
        .where(and(...filters))
        .orderBy(desc(auditLog.at), desc(auditLog.id))
        .limit(limit)
        .offset(offset);
      return rows.map((row) => ({ ...row, outcome: row.outcome as Outcome }) satisfies AuditRecord);
    },
  };
}
