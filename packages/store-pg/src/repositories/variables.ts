import type { VariableRepository } from '@kici/core';
import { and, asc, eq, getTableColumns, sql } from 'drizzle-orm';
import type { Db } from '../database.js';
import { variables } from '../schema.js';

const columns = getTableColumns(variables);

/** Non-secret values by org, scope and key: plain text columns, no envelope. */
export function variableRepository(db: Db): VariableRepository {
  const at = (orgId: string, scope: string, key: string) =>
    and(eq(variables.orgId, orgId), eq(variables.scope, scope), eq(variables.key, key));

  return {
    async upsert(write) {
      // xmax = 0 only for a freshly inserted row.
      const [row] = await db
        .insert(variables)
        .values({
          orgId: write.orgId,
          scope: write.scope,
          key: write.key,
          value: write.value,
          locked: write.locked,
          createdBy: write.actor,
          updatedBy: write.actor,
        })
        .onConflictDoUpdate({
          target: [variables.orgId, variables.scope, variables.key],
          set: {
            value: sql`excluded.value`,
            locked: sql`excluded.locked`,
            updatedAt: sql`now()`,
            updatedBy: sql`excluded.updated_by`,
          },
        })
        .returning({ ...columns, created: sql<boolean>`(xmax = 0)` });
      if (!row) throw new Error('upsert returned no row');
      const { created, ...record } = row;
      return { record, created };
    },

    async find(orgId, scope, key) {
      const [row] = await db
        .select()
        .from(variables)
        .where(at(orgId, scope, key));
      return row;
    },

    list: (orgId, scope) =>
      db
        .select()
        .from(variables)
        .where(
          scope === undefined
            ? eq(variables.orgId, orgId)
            : and(eq(variables.orgId, orgId), eq(variables.scope, scope)),
        )
        .orderBy(asc(variables.scope), asc(variables.key)),

    async remove(orgId, scope, key) {
      const rows = await db
        .delete(variables)
        .where(at(orgId, scope, key))
        .returning({ id: variables.id });
      return rows.length > 0;
    },
  };
}
