import type { SecretRecord, SecretRepository } from '@kici/core';
import { and, asc, count, eq, lt, lte, max, sql } from 'drizzle-orm';
import type { Db } from '../database.js';
import {
  auditInsert,
  type RawQuery,
  SECRET_METADATA_COLUMNS,
  type SecretMetadataRow,
  toSecretMetadata,
} from '../rows.js';
import { scopedSecrets } from '../schema.js';
import { resealRows } from './reseal.js';

export function secretRepository(db: Db, raw: RawQuery): SecretRepository {
  const at = (orgId: string, scope: string, key: string) =>
    and(eq(scopedSecrets.orgId, orgId), eq(scopedSecrets.scope, scope), eq(scopedSecrets.key, key));

  return {
    async listScopes(orgId) {
      const rows = await db
        .select({
          scope: scopedSecrets.scope,
          secretCount: count(),
          updatedAt: max(scopedSecrets.updatedAt),
        })
        .from(scopedSecrets)
        .where(eq(scopedSecrets.orgId, orgId))
        .groupBy(scopedSecrets.scope)
        .orderBy(asc(scopedSecrets.scope));
      return rows.map((row) => ({ ...row, updatedAt: row.updatedAt ?? new Date(0) }));
    },

    async listKeys(orgId, scope, audit) {
      const where = sql`where org_id = ${orgId} and scope = ${scope}`;
      // The audit row rides along in a data-modifying CTE: one round trip for both.
      const withAudit = audit
        ? sql`with audited as (${auditInsert(audit, sql`jsonb_build_object('count', count(*))`, sql`from scoped_secrets ${where}`)}) `
        : sql``;
      const rows = await raw<SecretMetadataRow>(
        sql`${withAudit}select ${SECRET_METADATA_COLUMNS} from scoped_secrets ${where} order by key`,
      );
      return rows.map(toSecretMetadata);
    },

    async find(orgId, scope, key) {
      const [row] = await db
        .select()
        .from(scopedSecrets)
        .where(at(orgId, scope, key));
      return row as SecretRecord | undefined;
    },

    async upsert(write, audit) {
      // One statement: the upsert, and (with `audit`) its audit row in a data-modifying CTE,
      // so both commit or neither. xmax = 0 only for a freshly inserted row.
      const upserted = sql`insert into scoped_secrets
          (org_id, scope, key, ciphertext, key_version, backend_type, created_by, updated_by)
        values (${write.orgId}, ${write.scope}, ${write.key}, ${write.ciphertext}, ${write.keyVersion},
          ${write.backendType}, ${write.actor}, ${write.actor})
        on conflict (org_id, scope, key) do update set
          ciphertext = excluded.ciphertext, key_version = excluded.key_version,
          backend_type = excluded.backend_type, updated_at = now(), updated_by = excluded.updated_by,
          rotation_count = scoped_secrets.rotation_count + 1, last_rotated_at = now()
        returning *, (xmax = 0) as created`;
      const auditing = audit
        ? sql`, audited as (${auditInsert(audit, sql`jsonb_build_object('created', upserted.created)`, sql`from upserted`)})`
        : sql``;
      const [row] = await raw<SecretMetadataRow & { created: boolean }>(
        sql`with upserted as (${upserted})${auditing} select ${SECRET_METADATA_COLUMNS}, created from upserted`,
      );
      if (!row) throw new Error('upsert returned no row');
      const { created, ...record } = row;
      return { record: toSecretMetadata(record), created };
    },

    async remove(orgId, scope, key) {
      const rows = await db
        .delete(scopedSecrets)
        .where(at(orgId, scope, key))
        .returning({ id: scopedSecrets.id });
      return rows.length > 0;
    },

    async maxKeyVersion() {
      const [row] = await db.select({ value: max(scopedSecrets.keyVersion) }).from(scopedSecrets);
      return row?.value ?? 0;
    },

    async count() {
      const [row] = await db.select({ value: count() }).from(scopedSecrets);
      return row?.value ?? 0;
    },

    lockBatchBelowVersion: (target, limit, writtenBefore) =>
      db
        .select({
          id: scopedSecrets.id,
          ciphertext: scopedSecrets.ciphertext,
          orgId: scopedSecrets.orgId,
          scope: scopedSecrets.scope,
          key: scopedSecrets.key,
          version: sql<number>`0`,
        })
        .from(scopedSecrets)
        .where(
          and(lt(scopedSecrets.keyVersion, target), lte(scopedSecrets.updatedAt, writtenBefore)),
        )
        .orderBy(asc(scopedSecrets.id))
        .limit(limit)
        .for('update', { skipLocked: true }),

    async reseal(rows, keyVersion) {
      await resealRows(db, scopedSecrets, rows, keyVersion);
    },
  };
}
