import type { InstallationFilter, InstallationRecord, InstallationRef } from '@kici/core';
import { and, asc, eq, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../database.js';
import { prepare } from '../prepared.js';
import { epochMs, type RawQuery } from '../rows.js';
import { extInstallations } from '../schema.js';

type RawInstallationRow = Omit<InstallationRecord, 'createdAt' | 'enabledAt'> & {
  createdAt: number;
  enabledAt: number | null;
};

const toInstallation = (row: RawInstallationRow): InstallationRecord => ({
  orgId: row.orgId,
  projectKey: row.projectKey,
  extensionId: row.extensionId,
  productId: row.productId,
  enabled: row.enabled,
  enabledAt: row.enabledAt === null ? null : new Date(row.enabledAt),
  createdAt: new Date(row.createdAt),
  createdBy: row.createdBy,
});

// Raw and prepared: resolving an installation reads it first (the delivery hot path).
const FIND = prepare(
  sql.raw(`select org_id as "orgId", project_key as "projectKey", extension_id as "extensionId",
    product_id as "productId", enabled, ${epochMs('enabled_at')} as "enabledAt",
    ${epochMs('created_at')} as "createdAt", created_by as "createdBy"
    from ext_installations where org_id = $1 and project_key = $2 and extension_id = $3`),
);

const filterOf = (filter: InstallationFilter): SQL | undefined =>
  and(
    filter.orgId === undefined ? undefined : eq(extInstallations.orgId, filter.orgId),
    filter.projectKey === undefined
      ? undefined
      : eq(extInstallations.projectKey, filter.projectKey),
    filter.extensionId === undefined
      ? undefined
      : eq(extInstallations.extensionId, filter.extensionId),
  );

const refOf = (ref: InstallationRef) =>
  and(
    eq(extInstallations.orgId, ref.orgId),
    eq(extInstallations.projectKey, ref.projectKey),
    eq(extInstallations.extensionId, ref.extensionId),
  );

/** ext_installations: an extension installed on one project of an org. */
export function installationMethods(db: Db, raw: RawQuery) {
  return {
    async listInstallations(filter: InstallationFilter) {
      const rows = await db
        .select()
        .from(extInstallations)
        .where(filterOf(filter))
        .orderBy(
          asc(extInstallations.orgId),
          asc(extInstallations.projectKey),
          asc(extInstallations.extensionId),
        );
      return rows as InstallationRecord[];
    },

    async findInstallation(ref: InstallationRef) {
      const { text } = FIND({});
      const [row] = await raw<RawInstallationRow>({
        text,
        params: [ref.orgId, ref.projectKey, ref.extensionId],
      });
      return row ? toInstallation(row) : undefined;
    },

    async putInstallation(ref: InstallationRef, productId: string | null, actor: string) {
      const [row] = await db
        .insert(extInstallations)
        .values({ ...ref, productId, createdBy: actor })
        .onConflictDoUpdate({
          target: [
            extInstallations.orgId,
            extInstallations.projectKey,
            extInstallations.extensionId,
          ],
          set: { productId },
        })
        .returning();
      return row as InstallationRecord;
    },

    async setEnabled(ref: InstallationRef, enabled: boolean) {
      const [row] = await db
        .update(extInstallations)
        .set({ enabled, enabledAt: enabled ? sql`now()` : null })
        .where(refOf(ref))
        .returning();
      return row as InstallationRecord | undefined;
    },

    async removeInstallations(filter: InstallationFilter) {
      const where = filterOf(filter);
      if (where === undefined) throw new Error('removeInstallations: expected a filter');
      const rows = await db
        .delete(extInstallations)
        .where(where)
        .returning({ key: extInstallations.projectKey });
      return rows.length;
    },
  };
}
