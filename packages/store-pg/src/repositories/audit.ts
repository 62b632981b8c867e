import type { AuditRecord, AuditRepository, Outcome } from '@kici/core';
import { and, desc, eq, gte, lte, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../database.js';
import { prepare } from '../prepared.js';
import { AUDIT_PLACEHOLDERS, auditInsert, auditValues, type RawQuery } from '../rows.js';
import { auditLog } from '../schema.js';

// Every request appends one row, so the statement is prepared once.
const appendRow = prepare(auditInsert(AUDIT_PLACEHOLDERS, sql`'{}'::jsonb`, sql``));

export function auditRepository(db: Db, raw: RawQuery): AuditRepository {
  return {
    async append(entry) {
      await raw(appendRow(auditValues(entry)));
    },
    async query({ contextName, orgId, key, routingKey, action, from, to, limit, offset }) {
      const filters: SQL[] = [];
      if (contextName !== undefined) filters.push(eq(auditLog.contextName, contextName));
      if (orgId !== undefined) filters.push(eq(auditLog.orgId, orgId));
      if (key !== undefined) filters.push(sql`${auditLog.metadata}->>'key' = ${key}`);
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
