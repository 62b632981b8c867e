import type { SecretMetadata, SecretRecord, SecretRepository } from '@kici/core';
import { and, asc, count, eq, getTableColumns, lt, max, sql } from 'drizzle-orm';
import type { Db } from '../database.js';
import { scopedSecrets } from '../schema.js';

const { ciphertext: _ciphertext, ...metadataColumns } = getTableColumns(scopedSecrets);

export function secretRepository(db: Db): SecretRepository {
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

    listKeys: (orgId, scope) =>
      db
        .select(metadataColumns)
        .from(scopedSecrets)
        .where(and(eq(scopedSecrets.orgId, orgId), eq(scopedSecrets.scope, scope)))
        .orderBy(asc(scopedSecrets.key)),

    async find(orgId, scope, key) {
      const [row] = await db
        .select()
        .from(scopedSecrets)
        .where(at(orgId, scope, key));
      return row as SecretRecord | undefined;
    },

    async upsert(write) {
      const now = new Date();
      // xmax = 0 only for a freshly inserted row: tells insert from update in one round trip.
      const [row] = await db
        .insert(scopedSecrets)
        .values({
          orgId: write.orgId,
          scope: write.scope,
          key: write.key,
          ciphertext: write.ciphertext,
          keyVersion: write.keyVersion,
          backendType: write.backendType,
          createdAt: now,
          createdBy: write.actor,
          updatedAt: now,
          updatedBy: write.actor,
        })
        .onConflictDoUpdate({
          target: [scopedSecrets.orgId, scopedSecrets.scope, scopedSecrets.key],
          set: {
            ciphertext: write.ciphertext,
            keyVersion: write.keyVersion,
            backendType: write.backendType,
            updatedAt: now,
            updatedBy: write.actor,
            rotationCount: sql`${scopedSecrets.rotationCount} + 1`,
            lastRotatedAt: now,
          },
        })
        .returning({ ...metadataColumns, created: sql<boolean>`(xmax = 0)` });
      if (!row) throw new Error('upsert returned no row');
      const { created, ...record } = row;
      return { record: record as SecretMetadata, created: Boolean(created) };
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

    lockBatchBelowVersion: (target, limit) =>
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
        .where(lt(scopedSecrets.keyVersion, target))
        .orderBy(asc(scopedSecrets.id))
        .limit(limit)
        .for('update', { skipLocked: true }),

    async reseal(id, ciphertext, keyVersion) {
      await db
        .update(scopedSecrets)
        .set({ ciphertext, keyVersion })
        .where(eq(scopedSecrets.id, id));
    },
  };
}
