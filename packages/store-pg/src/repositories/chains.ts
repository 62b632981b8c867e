import type { AuditEntry, ChainRepository, ChainRows } from '@kici/core';
import { sql } from 'drizzle-orm';
import { auditInsert, type RawQuery } from '../rows.js';

type Row = {
  kind: 's' | 'v' | 'c';
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
type Guard = { readonly id: number; readonly revision: number };

/**
 * One statement: the chain's secrets and variables and, with `audit`, its row. With `guard`,
 * everything is conditional on the environment still being at that revision, and a marker row
 * says whether it was.
 */
function chainStatement(
  orgId: string,
  scopes: readonly string[],
  audit?: AuditEntry,
  guard?: Guard,
) {
  const current = guard
    ? sql`c as (select 1 as ok from environments where id = ${guard.id} and revision = ${guard.revision}), `
    : sql``;
  const onlyIfCurrent = guard ? sql` and exists (select 1 from c)` : sql``;
  const inChain = sql`scope in (select jsonb_array_elements_text(${JSON.stringify(scopes)}::jsonb))${onlyIfCurrent}`;
  const names = (table: string) =>
    sql.raw(`coalesce((select jsonb_agg(distinct key order by key) from ${table}), '[]'::jsonb)`);
  // A linked secret's value is read on its backend afterwards, which may fail: the caller
  // then writes the one audit row itself, once it knows the outcome.
  const noLinks = sql`where not exists (select 1 from s where backend_type <> 'pg')`;
  const audited = audit
    ? sql`, audited as (${auditInsert(audit, sql`jsonb_build_object('keys', ${names('s')}, 'variables', ${names('v')})`, guard ? sql`from c ${noLinks}` : noLinks)})`
    : sql``;
  const marker = guard ? sql` union all select 'c', null, null, null, null, null from c` : sql``;
  return sql`with ${current}
    s as (select scope, key, ciphertext, backend_type from scoped_secrets where org_id = ${orgId} and ${inChain}),
    v as (select scope, key, value from variables where org_id = ${orgId} and ${inChain})${audited}
    select 's' as kind, scope, key, ciphertext, backend_type as "backendType", null as value from s
    union all select 'v', scope, key, null, null, value from v${marker}`;
}

function collect(rows: Row[]): ChainRows & { current: boolean } {
  const result = { secrets: [], variables: [], current: false } as ChainRows & { current: boolean };
  for (const row of rows) {
    if (row.kind === 'c') result.current = true;
    else if (row.kind === 's') {
      result.secrets.push({
        scope: row.scope,
        key: row.key,
        ciphertext: row.ciphertext as Uint8Array,
        backendType: row.backendType as string,
      });
    } else result.variables.push({ scope: row.scope, key: row.key, value: row.value as string });
  }
  return result;
}

export function chainRepository(raw: RawQuery): ChainRepository {
  return {
    async read(orgId, scopes, audit) {
      const { secrets, variables } = collect(await raw<Row>(chainStatement(orgId, scopes, audit)));
      return { secrets, variables };
    },
    async readIfCurrent(orgId, scopes, environment, audit) {
      const result = collect(await raw<Row>(chainStatement(orgId, scopes, audit, environment)));
      return result.current ? { secrets: result.secrets, variables: result.variables } : undefined;
    },
  };
}
