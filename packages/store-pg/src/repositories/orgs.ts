import type { OrgRepository } from '@kici/core';
import { union } from 'drizzle-orm/pg-core';
import type { Db } from '../database.js';
import {
  environments,
  extInstallations,
  extProductInstallations,
  extProjects,
  scopedSecrets,
  variables,
} from '../schema.js';

/** Orgs have no table: an org exists while it holds a secret, a variable, an environment,
 * or something of the extension store (a project, a product installation, an installation). */
export function orgRepository(db: Db): OrgRepository {
  return {
    async listIds() {
      const rows = await union(
        db.select({ orgId: scopedSecrets.orgId }).from(scopedSecrets),
        db.select({ orgId: variables.orgId }).from(variables),
        db.select({ orgId: environments.orgId }).from(environments),
        db.select({ orgId: extProjects.orgId }).from(extProjects),
        db.select({ orgId: extProductInstallations.orgId }).from(extProductInstallations),
        db.select({ orgId: extInstallations.orgId }).from(extInstallations),
      );
      return rows.map((row) => row.orgId).sort();
    },
  };
}
