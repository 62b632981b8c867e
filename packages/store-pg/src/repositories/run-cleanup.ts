import type { RunRepository } from '@kici/core';
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../database.js';
import { drizzleQuery, type RawQuery } from '../rows.js';

type CleanupMethods = Pick<RunRepository, 'end' | 'claimTick' | 'deleteOrphans'>;

const OPEN = sql.raw(`('pending', 'dispatched')`);
const ISO_UTC = sql.raw(`'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`);
const list = (ids: readonly string[]) =>
  sql`(${sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  )})`;

async function counted(raw: RawQuery, query: SQL): Promise<number> {
  const [row] = await raw<{ count: number }>(query);
  return Number(row?.count ?? 0);
}

/**
 * The rest of ending runs whose rows are already marked ended (and locked) by this
 * transaction: open jobs become `jobState`, every credential goes, each job keeps its
 * outputs' keys and sizes, and the outputs and key pairs are deleted.
 */
async function closeRuns(raw: RawQuery, runIds: readonly string[], jobState: string) {
  const runs = list(runIds);
  // First, as it waits for a put holding a job's row (lockJobOutputs) to commit, so the
  // statements below see that output.
  await raw(sql`update run_jobs set
      state = case when state in ${OPEN} then ${jobState} else state end,
      finished_at = case when state in ${OPEN} then now() else finished_at end,
      credential_hash = null, credential_expires_at = null
    where run_id in ${runs}`);
  const outputs = await counted(
    raw,
    sql`with kept as (
        select run_id, job_id, jsonb_agg(jsonb_build_object('key', key, 'bytes', bytes,
          'createdAt', to_char(created_at at time zone 'UTC', ${ISO_UTC})) order by key) as summary
        from run_secret_outputs where run_id in ${runs} group by run_id, job_id),
      summarised as (
        update run_jobs j set output_summary = kept.summary from kept
        where j.run_id = kept.run_id and j.job_id = kept.job_id returning 1),
      deleted as (delete from run_secret_outputs where run_id in ${runs} returning 1)
      select count(*)::int as count from deleted`,
  );
  const keys = await counted(
    raw,
    sql`with deleted as (delete from run_ephemeral_keys where run_id in ${runs} returning 1)
      select count(*)::int as count from deleted`,
  );
  return { keys, outputs };
}

/** Ending runs (completion, cancel, expiry) and the periodic orphan cleanup. */
export function runCleanup(db: Db): CleanupMethods {
  return {
    end: (runId, state) =>
      db.transaction(async (tx) => {
        const raw = drizzleQuery(tx);
        // The row lock serialises concurrent ends: the second sees the run ended.
        const ended = await raw(sql`update runs set state = ${state}, completed_at = now()
          where run_id = ${runId} and state = 'running' returning run_id`);
        if (ended.length === 0) return undefined;
        return closeRuns(raw, [runId], state === 'cancelled' ? 'cancelled' : 'skipped');
      }),

    async claimTick(task, everyMs, instanceId) {
      // One statement on the database clock: a concurrent claimer waits for the row, then
      // finds it no longer due.
      const rows = await drizzleQuery(db)(sql`
        insert into periodic_tasks (name, due_at, claimed_by, claimed_at)
        values (${task}, now() + ${everyMs}::float8 * interval '1 millisecond', ${instanceId}, now())
        on conflict (name) do update set due_at = excluded.due_at,
          claimed_by = excluded.claimed_by, claimed_at = excluded.claimed_at
        where periodic_tasks.due_at <= now()
        returning name`);
      return rows.length > 0;
    },

    deleteOrphans: (cutoff) =>
      db.transaction(async (tx) => {
        const raw = drizzleQuery(tx);
        const before = sql`${cutoff.toISOString()}::timestamptz`;
        // SKIP LOCKED throughout: two instances cleaning at once take disjoint rows, so each
        // row is deleted (and counted) once, and neither waits for the other.
        const expired = await raw<{ runId: string }>(sql`update runs
          set state = 'expired', completed_at = now()
          where run_id in (select run_id from runs where state = 'running' and created_at < ${before}
            for update skip locked)
          returning run_id as "runId"`);
        const closed =
          expired.length > 0
            ? await closeRuns(
                raw,
                expired.map((row) => row.runId),
                'skipped',
              )
            : { keys: 0, outputs: 0 };
        const outputs = await counted(
          raw,
          // Not the outputs of a run another instance is expiring (its row is locked): that
          // instance deletes them with the run and keeps their summary.
          sql`with deleted as (delete from run_secret_outputs where id in (
              select o.id from run_secret_outputs o join runs r on r.run_id = o.run_id
              where o.created_at < ${before}
              for update of o skip locked for share of r skip locked)
            returning 1) select count(*)::int as count from deleted`,
        );
        const keys = await counted(
          raw,
          sql`with deleted as (delete from run_ephemeral_keys where run_id in (
              select run_id from run_ephemeral_keys where created_at < ${before} for update skip locked)
            returning 1) select count(*)::int as count from deleted`,
        );
        return {
          keys: closed.keys + keys,
          outputs: closed.outputs + outputs,
          runs: expired.length,
        };
      }),
  };
}
