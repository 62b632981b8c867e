import { EXT_SCOPE_ROOT, type RotationPolicyRepository } from '@kici/core';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../database.js';
import { extRotationPolicies, scopedSecrets } from '../schema.js';

// `__ext__` holds LIKE wildcards (`_`): compare prefixes with left() instead.
const SIGNING_ROOT = `${EXT_SCOPE_ROOT}signing/`;
const startsWith = (prefix: string) =>
  sql`left(${scopedSecrets.scope}, ${prefix.length}) = ${prefix}`;

/** Each org's rotation policy, and the rotation metadata of its extension secrets. */
export function rotationPolicyRepository(db: Db): RotationPolicyRepository {
  return {
    async find(orgId) {
      const [row] = await db
        .select()
        .from(extRotationPolicies)
        .where(eq(extRotationPolicies.orgId, orgId));
      return row;
    },
    list: () => db.select().from(extRotationPolicies).orderBy(asc(extRotationPolicies.orgId)),
    async put(orgId, maxAgeDays, remindDays, by) {
      const values = { maxAgeDays, remindDays, updatedBy: by, updatedAt: sql`now()` };
      const [row] = await db
        .insert(extRotationPolicies)
        .values({ orgId, ...values })
        .onConflictDoUpdate({ target: extRotationPolicies.orgId, set: values })
        .returning();
      if (!row) throw new Error('upsert returned no row');
      return row;
    },
    async remove(orgId) {
      const rows = await db
        .delete(extRotationPolicies)
        .where(eq(extRotationPolicies.orgId, orgId))
        .returning({ orgId: extRotationPolicies.orgId });
      return rows.length > 0;
    },
    async listSecrets(orgId) {
      const rows = await db
        .select({
          scope: scopedSecrets.scope,
          key: scopedSecrets.key,
          createdAt: scopedSecrets.createdAt,
          lastRotatedAt: scopedSecrets.lastRotatedAt,
          rotationCount: scopedSecrets.rotationCount,
          backendType: scopedSecrets.backendType,
        })
        .from(scopedSecrets)
        .where(
          and(
            eq(scopedSecrets.orgId, orgId),
            startsWith(EXT_SCOPE_ROOT),
            sql`not ${startsWith(SIGNING_ROOT)}`,
          ),
        )
        .orderBy(asc(scopedSecrets.scope), asc(scopedSecrets.key));
      return rows.map(({ backendType, ...row }) => ({
        ...row,
        // The built-in backend (the column's default); any other names an external backend.
        external: backendType !== 'pg',
      }));
    },
  };
}
