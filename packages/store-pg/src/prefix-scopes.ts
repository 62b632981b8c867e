import { sql } from 'drizzle-orm';
import type { Db } from './database.js';

/**
 * Scopes stored before every scope carried its backend prefix belong to the pg backend:
 * `production` becomes `pg:production` in secrets, variables and environment bindings. Runs
 * on every open; it only touches unprefixed rows, so a second run changes nothing. A row whose
 * prefixed twin already exists is left as it is rather than overwrite the twin.
 */
export async function prefixBareScopes(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`update scoped_secrets s set scope = 'pg:' || s.scope
      where position(':' in s.scope) = 0 and not exists (select 1 from scoped_secrets t
        where t.org_id = s.org_id and t.scope = 'pg:' || s.scope and t.key = s.key)`);
    await tx.execute(sql`update variables s set scope = 'pg:' || s.scope
      where position(':' in s.scope) = 0 and not exists (select 1 from variables t
        where t.org_id = s.org_id and t.scope = 'pg:' || s.scope and t.key = s.key)`);
    await tx.execute(sql`update environment_scope_bindings b set scope = 'pg:' || b.scope
      where position(':' in b.scope) = 0 and not exists (select 1 from environment_scope_bindings t
        where t.environment_id = b.environment_id and t.scope = 'pg:' || b.scope)`);
  });
}
