import type { AuditEntry, SecretMetadata } from '@kici/core';
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from './database.js';
import { type BoundQuery, unbind } from './prepared.js';

/** Runs raw SQL (a template, or a prepared statement's bound values) and returns its rows. */
export type RawQuery = <T>(query: SQL | BoundQuery) => Promise<T[]>;

/** Raw SQL through drizzle on either driver (postgres-js answers an array; PGlite, `.rows`). */
export function drizzleQuery(db: Db): RawQuery {
  return async <T>(query: SQL | BoundQuery) => {
    const result = (await db.execute(unbind(query))) as unknown;
    return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
  };
}

// Raw queries get timestamps as text in the driver's format; epoch milliseconds are exact
// on both drivers and become Dates below.
export const epochMs = (column: string) => `(extract(epoch from ${column}) * 1000)::float8`;

/** The scoped_secrets columns a listing shows, renamed as the ports name them. */
export const SECRET_METADATA_COLUMNS = sql.raw(
  `id::float8 as id, org_id as "orgId", scope, key, key_version as "keyVersion",
   backend_type as "backendType", ${epochMs('created_at')} as "createdAt", created_by as "createdBy",
   ${epochMs('updated_at')} as "updatedAt", updated_by as "updatedBy", rotation_count as "rotationCount",
   ${epochMs('last_rotated_at')} as "lastRotatedAt"`,
);

type Timestamps = 'createdAt' | 'updatedAt' | 'lastRotatedAt';
export type SecretMetadataRow = Omit<SecretMetadata, Timestamps> & {
  createdAt: number;
  updatedAt: number;
  lastRotatedAt: number | null;
};

export function toSecretMetadata(row: SecretMetadataRow): SecretMetadata {
  // Field by field rather than a spread: driver rows are dictionary-mode objects, and a
  // listing maps many of them.
  return {
    id: row.id,
    orgId: row.orgId,
    scope: row.scope,
    key: row.key,
    keyVersion: row.keyVersion,
    backendType: row.backendType,
    createdAt: new Date(row.createdAt),
    createdBy: row.createdBy,
    updatedAt: new Date(row.updatedAt),
    updatedBy: row.updatedBy,
    rotationCount: row.rotationCount,
    lastRotatedAt: row.lastRotatedAt === null ? null : new Date(row.lastRotatedAt),
  };
}

/** An audit row's values as statement parameters (metadata as JSON text). */
export function auditValues(entry: AuditEntry) {
  return {
    actor: entry.actor,
    action: entry.action,
    outcome: entry.outcome,
    auditOrgId: entry.orgId,
    contextName: entry.contextName,
    routingKey: entry.routingKey,
    metadata: JSON.stringify(entry.metadata),
  };
}

type AuditValues = { readonly [K in keyof ReturnType<typeof auditValues>]: unknown };

/** Where a prepared statement's audit row takes its values (see auditValues). */
export const AUDIT_PLACEHOLDERS: AuditValues = {
  actor: sql.placeholder('actor'),
  action: sql.placeholder('action'),
  outcome: sql.placeholder('outcome'),
  auditOrgId: sql.placeholder('auditOrgId'),
  contextName: sql.placeholder('contextName'),
  routingKey: sql.placeholder('routingKey'),
  metadata: sql.placeholder('metadata'),
};

/** An `insert into audit_log … select` whose metadata is `entry.metadata || extra`. */
export function auditInsert(entry: AuditEntry | AuditValues, extra: SQL, from: SQL) {
  const values = 'orgId' in entry ? auditValues(entry) : entry;
  return sql`insert into audit_log (actor, action, outcome, org_id, context_name, routing_key, metadata)
    select ${values.actor}, ${values.action}, ${values.outcome}, ${values.auditOrgId},
      ${values.contextName}, ${values.routingKey}, ${values.metadata}::jsonb || ${extra} ${from}`;
}
