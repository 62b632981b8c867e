import type { SecretRecord, SecretRepository } from '@kici/core';
import { and, asc, count, eq, lt, lte, max, sql } from 'drizzle-orm';
import type { Db } from '../database.js';
import { prepare } from '../prepared.js';
import {
  AUDIT_PLACEHOLDERS,
  auditInsert,
  auditValues,
  type RawQuery,
  SECRET_METADATA_COLUMNS,
  type SecretMetadataRow,
  toSecretMetadata,
} from '../rows.js';
import { scopedSecrets } from '../schema.js';
import { pageConditions, resealRows } from './reseal.js';

const P = {
  orgId: sql.placeholder('orgId'),
  scope: sql.placeholder('scope'),
  key: sql.placeholder('key'),
  ciphertext: sql.placeholder('ciphertext'),
  keyVersion: sql.placeholder('keyVersion'),
  backendType: sql.placeholder('backendType'),
  actor: sql.placeholder('actor'),
};

/** A scope's keys, and (audited) the audit row in a data-modifying CTE: one round trip. */
function listKeysStatement(audited: boolean) {
  const where = sql`where org_id = ${P.orgId} and scope = ${P.scope}`;
  const withAudit = audited
    ? sql`with audited as (${auditInsert(AUDIT_PLACEHOLDERS, sql`jsonb_build_object('count', count(*))`, sql`from scoped_secrets ${where}`)}) `
    : sql``;
  return prepare(
    sql`${withAudit}select ${SECRET_METADATA_COLUMNS} from scoped_secrets ${where} order by key`,
  );
}

/**
 * One statement: the upsert, and (audited) its audit row in a data-modifying CTE, so both
 * commit or neither. xmax = 0 only for a freshly inserted row.
 */
function upsertStatement(audited: boolean) {
  const upserted = sql`insert into scoped_secrets
      (org_id, scope, key, ciphertext, key_version, backend_type, created_by, updated_by)
    values (${P.orgId}, ${P.scope}, ${P.key}, ${P.ciphertext}, ${P.keyVersion},
      ${P.backendType}, ${P.actor}, ${P.actor})
    on conflict (org_id, scope, key) do update set
      ciphertext = excluded.ciphertext, key_version = excluded.key_version,
      backend_type = excluded.backend_type, updated_at = now(), updated_by = excluded.updated_by,
      rotation_count = scoped_secrets.rotation_count + 1, last_rotated_at = now()
    returning *, (xmax = 0) as created`;
  const auditing = audited
    ? sql`, audited as (${auditInsert(AUDIT_PLACEHOLDERS, sql`jsonb_build_object('created', upserted.created)`, sql`from upserted`)})`
    : sql``;
  return prepare(
    sql`with upserted as (${upserted})${auditing} select ${SECRET_METADATA_COLUMNS}, created from upserted`,
  );
}

// The admin API's hot statements, prepared once.
const LIST_KEYS = { plain: listKeysStatement(false), audited: listKeysStatement(true) };
const UPSERT = { plain: upsertStatement(false), audited: upsertStatement(true) };

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
      const rows = await raw<SecretMetadataRow>(
        audit
          ? LIST_KEYS.audited({ orgId, scope, ...auditValues(audit) })
          : LIST_KEYS.plain({ orgId, scope }),
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
      const values = {
        orgId: write.orgId,
        scope: write.scope,
        key: write.key,
        ciphertext: write.ciphertext,
        keyVersion: write.keyVersion,
        backendType: write.backendType,
        actor: write.actor,
      };
      const [row] = await raw<SecretMetadataRow & { created: boolean }>(
        audit ? UPSERT.audited({ ...values, ...auditValues(audit) }) : UPSERT.plain(values),
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

    lockBatchBelowVersion: (target, limit, writtenBefore, page) =>
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
          and(
            ...pageConditions(scopedSecrets.id, page),
            lt(scopedSecrets.keyVersion, target),
            lte(scopedSecrets.updatedAt, writtenBefore),
          ),
        )
        .orderBy(asc(scopedSecrets.id))
        .limit(limit)
        .for('update', { skipLocked: true }),

    async reseal(rows, keyVersion) {
      await resealRows(db, scopedSecrets, rows, keyVersion);
    },
  };
}
