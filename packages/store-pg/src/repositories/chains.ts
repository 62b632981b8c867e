import type { ChainRepository, ChainRows } from '@kici/core';
import { sql } from 'drizzle-orm';
import { auditInsert, type RawQuery } from '../rows.js';

type Row = {
  kind: 's' | 'v';
  scope: string;
  key: string;
  ciphertext: Uint8Array | null;
  backendType: string | null;
  value: string | null;
};

/**
 * Resolution's read: secrets and variables of a chain of scopes, and (with an audit entry)
 * the audit row naming the keys found, in one statement. Hot (every job dispatch): raw, so
 * PostgreSQL keeps it as a prepared statement; the scopes travel as one JSON array.
 */
export function chainRepository(raw: RawQuery): ChainRepository {
  return {
    async read(orgId, scopes, audit) {
      const inChain = sql`scope in (select jsonb_array_elements_text(${JSON.stringify(scopes)}::jsonb))`;
      const names = (table: string) =>
        sql.raw(
          `coalesce((select jsonb_agg(distinct key order by key) from ${table}), '[]'::jsonb)`,
        );
      const audited = audit
        ? sql`, audited as (${auditInsert(audit, sql`jsonb_build_object('keys', ${names('s')}, 'variables', ${names('v')})`, sql``)})`
        : sql``;
      const rows = await raw<Row>(sql`with
        s as (select scope, key, ciphertext, backend_type from scoped_secrets where org_id = ${orgId} and ${inChain}),
        v as (select scope, key, value from variables where org_id = ${orgId} and ${inChain})${audited}
        select 's' as kind, scope, key, ciphertext, backend_type as "backendType", null as value from s
        union all select 'v', scope, key, null, null, value from v`);
      const result: ChainRows = { secrets: [], variables: [] };
      for (const row of rows) {
        if (row.kind === 's') {
          result.secrets.push({
            scope: row.scope,
            key: row.key,
            ciphertext: row.ciphertext as Uint8Array,
            backendType: row.backendType as string,
          });
        } else
          result.variables.push({ scope: row.scope, key: row.key, value: row.value as string });
      }
      return result;
    },
  };
}
