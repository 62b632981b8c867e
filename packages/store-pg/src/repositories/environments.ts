import type { EnvironmentRecord, EnvironmentRepository, EnvironmentWrite } from '@kici/core';
import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../database.js';
import { epochMs, type RawQuery } from '../rows.js';
import { environmentScopeBindings, environments } from '../schema.js';

type EnvironmentRow = typeof environments.$inferSelect & { scopes: string[] };

const toRecord = ({
  branchPatterns,
  triggerTypes,
  repositoryPatterns,
  allowForks,
  ...row
}: EnvironmentRow): EnvironmentRecord => ({
  ...row,
  rules: {
    branches: branchPatterns,
    triggers: triggerTypes,
    repositories: repositoryPatterns,
    allowForks,
  },
});

const columns = (write: EnvironmentWrite) => ({
  branchPatterns: [...write.rules.branches],
  triggerTypes: [...write.rules.triggers],
  repositoryPatterns: [...write.rules.repositories],
  allowForks: write.rules.allowForks,
  allowLocalExecution: write.allowLocalExecution,
});

type RawEnvironmentRow = Omit<EnvironmentRow, 'createdAt' | 'updatedAt'> & {
  createdAt: number;
  updatedAt: number;
};

// The bindings ride along as one ordered JSON array: one round trip per environment read.
// Raw, so that PostgreSQL keeps the statement prepared (every job dispatch reads one).
const COLUMNS = sql.raw(`id::float8 as id, org_id as "orgId", name,
  branch_patterns as "branchPatterns", trigger_types as "triggerTypes",
  repository_patterns as "repositoryPatterns", allow_forks as "allowForks",
  allow_local_execution as "allowLocalExecution", revision, ${epochMs('created_at')} as "createdAt",
  created_by as "createdBy", ${epochMs('updated_at')} as "updatedAt", updated_by as "updatedBy",
  coalesce((select json_agg(b.scope order by b.position) from environment_scope_bindings b
    where b.environment_id = environments.id), '[]'::json) as scopes`);

export function environmentRepository(db: Db, raw: RawQuery): EnvironmentRepository {
  const read = async (where: SQL) =>
    (await raw<RawEnvironmentRow>(sql`select ${COLUMNS} from environments ${where}`)).map((row) =>
      toRecord({ ...row, createdAt: new Date(row.createdAt), updatedAt: new Date(row.updatedAt) }),
    );
  const at = (orgId: string, name: string) =>
    and(eq(environments.orgId, orgId), eq(environments.name, name));

  async function writeBindings(environmentId: number, scopes: readonly string[]) {
    await db
      .delete(environmentScopeBindings)
      .where(eq(environmentScopeBindings.environmentId, environmentId));
    if (scopes.length > 0) {
      await db
        .insert(environmentScopeBindings)
        .values(scopes.map((scope, position) => ({ environmentId, position, scope })));
    }
  }

  return {
    async create(orgId, name, write, actor) {
      const [row] = await db
        .insert(environments)
        .values({ orgId, name, ...columns(write), createdBy: actor, updatedBy: actor })
        .onConflictDoNothing()
        .returning();
      if (!row) return undefined;
      await writeBindings(row.id, write.scopes);
      return toRecord({ ...row, scopes: [...write.scopes] });
    },

    list: (orgId) => read(sql`where org_id = ${orgId} order by name`),

    async find(orgId, name) {
      const [found] = await read(sql`where org_id = ${orgId} and name = ${name}`);
      return found;
    },

    async update(orgId, name, write, actor) {
      const [row] = await db
        .update(environments)
        .set({
          ...columns(write),
          revision: sql`${environments.revision} + 1`,
          updatedAt: sql`now()`,
          updatedBy: actor,
        })
        .where(at(orgId, name))
        .returning();
      if (!row) return undefined;
      await writeBindings(row.id, write.scopes);
      return toRecord({ ...row, scopes: [...write.scopes] });
    },

    async remove(orgId, name) {
      const rows = await db
        .delete(environments)
        .where(at(orgId, name))
        .returning({ id: environments.id });
      return rows.length > 0;
    },
  };
}
