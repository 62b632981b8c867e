import type {
  ChainAudit,
  ChainDispatch,
  ChainRepository,
  ChainRows,
  DispatchedJob,
  OutputsRead,
  UpstreamOutput,
} from '@kici/core';
import { sql } from 'drizzle-orm';
import { prepare } from '../prepared.js';
import { AUDIT_PLACEHOLDERS, auditInsert, auditValues, type RawQuery } from '../rows.js';
import { plainBytes } from '../schema-columns.js';
import { dispatchCtes, dispatchedRows, outputsAudit } from './chain-dispatch.js';

type Row = {
  kind: 's' | 'v' | 'c' | 'd' | 'o';
  scope: string;
  key: string;
  ciphertext: Uint8Array | null;
  backendType: string | null;
  value: string | null;
};

type Guard = { readonly id: number; readonly revision: number };
/** A statement's shape; `dispatch` only comes with `guard`. */
type Shape = { readonly audit: boolean; readonly guard: boolean; readonly dispatch: boolean };

const P = {
  orgId: sql.placeholder('orgId'),
  scopes: sql.placeholder('scopes'),
  environmentId: sql.placeholder('environmentId'),
  revision: sql.placeholder('revision'),
  externalKeys: sql.placeholder('externalKeys'),
  onlyIfEverySecretIn: sql.placeholder('onlyIfEverySecretIn'),
};

/**
 * One statement: the chain's secrets and variables and, with `audit`, the row core built,
 * completed and written as the ChainAudit instructs (no audit rule is decided here). Hot (every job
 * dispatch): prepared once per shape (below), then a PostgreSQL prepared statement too; the scopes
 * travel as one JSON array. With `guard` (resolution), everything is conditional on the
 * environment still being at that revision, a marker row says whether it was, and only each
 * key's winner (its row in the earliest scope) is read: a shadowed value never leaves the
 * database. With `dispatch`, the statement dispatches the job as well (chain-dispatch.ts) and
 * the audit row is written only if it did.
 */
function chainStatement({ audit, guard, dispatch }: Shape) {
  const current = guard
    ? sql`c as (select 1 as ok from environments where id = ${P.environmentId} and revision = ${P.revision}), `
    : sql``;
  const chain = sql`chain as (select value as scope, ordinality as position
    from jsonb_array_elements_text(${P.scopes}::jsonb) with ordinality), `;
  const rows = (columns: string, table: string) =>
    guard
      ? sql`select distinct on (t.key) ${sql.raw(columns)} from ${sql.raw(table)} t join chain using (scope)
          where t.org_id = ${P.orgId} and exists (select 1 from c) order by t.key, chain.position`
      : sql`select ${sql.raw(columns)} from ${sql.raw(table)} t
          where t.org_id = ${P.orgId} and t.scope in (select scope from chain)`;
  // A guarded read has one row per key already (distinct on): no need to make them distinct.
  const distinct = guard ? '' : 'distinct ';
  const names = (table: string) =>
    sql.raw(`coalesce((select jsonb_agg(${distinct}key order by key) from ${table}), '[]'::jsonb)`);
  // The keys of the audit row: the pg secrets' and those the external scopes supplied (merged
  // only when there are any: most chains are pg only).
  const secretNames = sql`case when ${P.externalKeys}::jsonb = '[]'::jsonb then ${names('s')}
    else coalesce((select jsonb_agg(key order by key) from (select key from s
      union select jsonb_array_elements_text(${P.externalKeys}::jsonb)) k), '[]'::jsonb) end`;
  // Core's condition (ChainAudit.onlyIfEverySecretIn), carried out, not decided, here: with
  // it, no row unless every secret read has that backend type; null (not given) writes it.
  const condition = sql`where not exists (select 1 from s
    where backend_type <> coalesce(${P.onlyIfEverySecretIn}::text, backend_type))`;
  const from = dispatch
    ? sql`from c, d ${condition}`
    : guard
      ? sql`from c ${condition}`
      : condition;
  const audited = audit
    ? sql`, audited as (${auditInsert(AUDIT_PLACEHOLDERS, sql`jsonb_build_object('keys', ${secretNames}, 'variables', ${names('v')})${dispatch ? sql` || ${outputsAudit()}` : sql``}`, from)})`
    : sql``;
  const marker = guard ? sql` union all select 'c', null, null, null, null, null from c` : sql``;
  return prepare(sql`with ${current}${chain}
    s as (${rows('t.scope, t.key, t.ciphertext, t.backend_type', 'scoped_secrets')}),
    v as (${rows('t.scope, t.key, t.value', 'variables')})${dispatch ? dispatchCtes() : sql``}${audited}
    select 's' as kind, scope, key, ciphertext, backend_type as "backendType", null as value from s
    union all select 'v', scope, key, null, null, value from v${marker}${dispatch ? dispatchedRows() : sql``}`);
}

// Every shape, prepared once, on first use.
const statements = new Map<string, ReturnType<typeof chainStatement>>();
function statementOf(shape: Shape) {
  const name = JSON.stringify(shape);
  const known = statements.get(name);
  if (known) return known;
  const statement = chainStatement(shape);
  statements.set(name, statement);
  return statement;
}

function chainQuery(
  orgId: string,
  scopes: readonly string[],
  audit?: ChainAudit,
  guard?: Guard,
  dispatch?: ChainDispatch,
) {
  const shape = { audit: audit !== undefined, guard: guard !== undefined, dispatch: !!dispatch };
  return statementOf(shape)({
    orgId,
    scopes: JSON.stringify(scopes),
    environmentId: guard?.id,
    revision: guard?.revision,
    externalKeys: JSON.stringify(audit?.externalKeys ?? []),
    ...(audit
      ? { ...auditValues(audit), onlyIfEverySecretIn: audit.onlyIfEverySecretIn ?? null }
      : {}),
    ...(dispatch
      ? {
          runId: dispatch.runId,
          jobId: dispatch.jobId,
          credentialHash: dispatch.credentialHash,
          ttlMs: dispatch.ttlMs,
        }
      : {}),
  });
}

type Collected = ChainRows & { current: boolean; dispatched?: DispatchedJob };

/** The 'd' row: the run's public key; [credential expiry, key expiry, outputs read]. */
function dispatchedJob(row: Row, upstream: UpstreamOutput[]): DispatchedJob {
  const [until, keyExpiresAt, outputsRead] = JSON.parse(row.value as string) as [
    number,
    number | null,
    OutputsRead | null,
  ];
  return {
    until: new Date(until),
    ...(row.ciphertext && keyExpiresAt !== null
      ? { runKey: { publicKey: plainBytes(row.ciphertext), expiresAt: new Date(keyExpiresAt) } }
      : {}),
    upstream,
    ...(outputsRead ? { outputsRead } : {}),
  };
}

function collect(rows: Row[]): Collected {
  const result: Collected = { secrets: [], variables: [], current: false };
  const upstream: UpstreamOutput[] = [];
  let marker: Row | undefined;
  for (const row of rows) {
    if (row.kind === 'c') result.current = true;
    else if (row.kind === 'd') marker = row;
    else if (row.kind === 'o') {
      upstream.push({
        jobId: row.scope,
        key: row.key,
        ciphertext: plainBytes(row.ciphertext as Uint8Array),
      });
    } else if (row.kind === 's') {
      result.secrets.push({
        scope: row.scope,
        key: row.key,
        ciphertext: row.ciphertext as Uint8Array,
        backendType: row.backendType as string,
      });
    } else result.variables.push({ scope: row.scope, key: row.key, value: row.value as string });
  }
  return marker ? { ...result, dispatched: dispatchedJob(marker, upstream) } : result;
}

export function chainRepository(raw: RawQuery): ChainRepository {
  return {
    async read(orgId, scopes, audit) {
      const { secrets, variables } = collect(await raw<Row>(chainQuery(orgId, scopes, audit)));
      return { secrets, variables };
    },
    async readIfCurrent(orgId, scopes, environment, audit, dispatch) {
      const result = collect(
        await raw<Row>(chainQuery(orgId, scopes, audit, environment, dispatch)),
      );
      if (!result.current) return undefined;
      const { secrets, variables, dispatched } = result;
      return dispatched ? { secrets, variables, dispatched } : { secrets, variables };
    },
  };
}
