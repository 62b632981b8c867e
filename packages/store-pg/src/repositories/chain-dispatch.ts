import { type SQL, sql } from 'drizzle-orm';
import { epochMs } from '../rows.js';

const P = {
  runId: sql.placeholder('runId'),
  jobId: sql.placeholder('jobId'),
  orgId: sql.placeholder('orgId'),
  hash: sql.placeholder('credentialHash'),
  ttlMs: sql.placeholder('ttlMs'),
};

/**
 * The CTEs of a ChainDispatch (core's resolution/port.ts says what it is), appended to the
 * guarded chain read: `d` (the job dispatched, while the environment is current — `c` — and
 * the run running in the read's org), the needed jobs' outputs `o` (per key the first of
 * `needs` that set it) and `om`, what the read's audit row says of them (`outputs`: keys and
 * from). An environment secret of the same key (in the row's `keys`) wins over an output.
 */
export const dispatchCtes = (): SQL => sql`,
  n as (select value as job_id, ordinality as position from run_jobs j
    cross join jsonb_array_elements_text(j.needs) with ordinality
    where j.run_id = ${P.runId} and j.job_id = ${P.jobId}),
  o as (select distinct on (o.key) o.key, o.job_id, o.ciphertext from run_secret_outputs o
    join n using (job_id) where o.run_id = ${P.runId} order by o.key, n.position),
  d as (update run_jobs j set state = 'dispatched', dispatched_at = now(), credential_hash = ${P.hash},
      credential_expires_at = least(now() + ${P.ttlMs}::float8 * interval '1 millisecond', k.expires_at)
    from runs r left join run_ephemeral_keys k on k.run_id = r.run_id
    where r.run_id = ${P.runId} and r.state = 'running' and r.org_id = ${P.orgId}
      and j.run_id = r.run_id and j.job_id = ${P.jobId} and j.state in ('pending', 'dispatched')
      and exists (select 1 from c)
    returning j.credential_expires_at, k.public_key, k.expires_at as key_expires_at),
  om as (select case when count(*) > 0 then jsonb_build_object('keys', jsonb_agg(key order by key),
      'from', jsonb_object_agg(key, job_id)) end as outputs from o)`;

/** The read's audit row's `outputs` (what `om` says), when the job receives any. */
export const outputsAudit = (): SQL =>
  sql`coalesce((select jsonb_build_object('outputs', outputs) from om where outputs is not null), '{}'::jsonb)`;

/**
 * What a dispatch answers besides the chain, only when the job was dispatched: the marker row
 * (the run's public key and, as a JSON array, its credential's and the key's expiries in epoch
 * ms and `om`) and one row per upstream output `o` (the producing job, the key, the sealed value).
 */
export const dispatchedRows = (): SQL => sql`
  union all select 'd', null, null, d.public_key, null,
    jsonb_build_array(${sql.raw(epochMs('d.credential_expires_at'))}, ${sql.raw(epochMs('d.key_expires_at'))},
      (select outputs from om))::text from d
  union all select 'o', o.job_id, o.key, o.ciphertext, null, null from o where exists (select 1 from d)`;
