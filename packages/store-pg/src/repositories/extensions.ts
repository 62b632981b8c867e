import type { ExtensionRepository } from '@kici/core';
import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../database.js';
import type { RawQuery } from '../rows.js';
import {
  extCatalog,
  extInstallations,
  extProductInstallations,
  extProjects,
  scopedSecrets,
} from '../schema.js';
import { installationMethods } from './extension-installations.js';

/** The extension store's model; its secrets are scoped_secrets rows of the `__ext__/` scopes. */
export function extensionRepository(db: Db, raw: RawQuery): ExtensionRepository {
  const inScopes = (orgId: string | null, scopes: readonly string[]) =>
    and(
      orgId === null ? undefined : eq(scopedSecrets.orgId, orgId),
      inArray(scopedSecrets.scope, [...scopes]),
    );

  return {
    listProjects: (orgId) =>
      db
        .select()
        .from(extProjects)
        .where(eq(extProjects.orgId, orgId))
        .orderBy(asc(extProjects.key)),

    async findProject(orgId, key) {
      const [row] = await db
        .select()
        .from(extProjects)
        .where(and(eq(extProjects.orgId, orgId), eq(extProjects.key, key)));
      return row;
    },

    async putProject(orgId, key, name, actor) {
      const [row] = await db
        .insert(extProjects)
        .values({ orgId, key, name: name ?? key, createdBy: actor })
        .onConflictDoUpdate({
          target: [extProjects.orgId, extProjects.key],
          // Without a name, the update only returns the row as it is.
          set: { name: name === undefined ? sql`${extProjects.name}` : name },
        })
        .returning();
      if (!row) throw new Error('putProject returned no row');
      return row;
    },

    async removeProject(orgId, key) {
      const rows = await db
        .delete(extProjects)
        .where(and(eq(extProjects.orgId, orgId), eq(extProjects.key, key)))
        .returning({ key: extProjects.key });
      return rows.length > 0;
    },

    listCatalog: () => db.select().from(extCatalog).orderBy(asc(extCatalog.id)),

    async findCatalog(id) {
      const [row] = await db.select().from(extCatalog).where(eq(extCatalog.id, id));
      return row;
    },

    async putCatalog(id, name, manifest, actor) {
      const [row] = await db
        .insert(extCatalog)
        .values({ id, name, manifest, updatedBy: actor })
        .onConflictDoUpdate({
          target: extCatalog.id,
          set: { name, manifest, updatedBy: actor, updatedAt: sql`now()` },
        })
        .returning();
      if (!row) throw new Error('putCatalog returned no row');
      return row;
    },

    async removeCatalog(id) {
      const rows = await db
        .delete(extCatalog)
        .where(eq(extCatalog.id, id))
        .returning({ id: extCatalog.id });
      return rows.length > 0;
    },

    listProducts: (orgId) =>
      db
        .select()
        .from(extProductInstallations)
        .where(eq(extProductInstallations.orgId, orgId))
        .orderBy(asc(extProductInstallations.productId)),

    async findProduct(orgId, productId) {
      const [row] = await db
        .select()
        .from(extProductInstallations)
        .where(
          and(
            eq(extProductInstallations.orgId, orgId),
            eq(extProductInstallations.productId, productId),
          ),
        );
      return row;
    },

    async putProduct(orgId, productId, actor) {
      const [row] = await db
        .insert(extProductInstallations)
        .values({ orgId, productId, createdBy: actor })
        .onConflictDoUpdate({
          target: [extProductInstallations.orgId, extProductInstallations.productId],
          set: { productId },
        })
        .returning();
      if (!row) throw new Error('putProduct returned no row');
      return row;
    },

    async removeProduct(orgId, productId) {
      const detached = await db
        .update(extInstallations)
        .set({ productId: null })
        .where(and(eq(extInstallations.orgId, orgId), eq(extInstallations.productId, productId)))
        .returning({ key: extInstallations.projectKey });
      const rows = await db
        .delete(extProductInstallations)
        .where(
          and(
            eq(extProductInstallations.orgId, orgId),
            eq(extProductInstallations.productId, productId),
          ),
        )
        .returning({ id: extProductInstallations.productId });
      return { found: rows.length > 0, detached: detached.length };
    },

    ...installationMethods(db, raw),

    async countSecrets(orgId, scopes) {
      if (scopes.length === 0) return 0;
      const [row] = await db
        .select({ n: count() })
        .from(scopedSecrets)
        .where(inScopes(orgId, scopes));
      return row?.n ?? 0;
    },

    async removeSecrets(orgId, scopes) {
      if (scopes.length === 0) return 0;
      const rows = await db
        .delete(scopedSecrets)
        .where(inScopes(orgId, scopes))
        .returning({ id: scopedSecrets.id });
      return rows.length;
    },
  };
}
