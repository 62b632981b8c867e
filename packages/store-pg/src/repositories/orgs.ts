import type { OrgRepository } from '@kici/core';
import { union } from 'drizzle-orm/pg-core';
import type { Db } from '../database.js';
import { environments, scopedSecrets, variables } from '../schema.js';

/** Orgs have no table: an org exists while it holds a secret, a variable or an environment. */
export function orgRepository(db: Db): OrgRepository {
  return {
    async listIds() {
      const rows = await union(
        db.select({ orgId: scopedSecrets.orgId }).from(scopedSecrets),
        db.select({ orgId: variables.orgId }).from(variables),
        db.select({ orgId: environments.orgId }).from(environments),
      );
      return rows.map((row) => row.orgId).sort();
    },
  };
}
