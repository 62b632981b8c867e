import { conflict, type OutputInfo, type RunRepository } from '@kici/core';
import { and, asc, eq, inArray, lt, lte, sql } from 'drizzle-orm';
import type { Db } from '../database.js';
import { drizzleQuery, epochMs } from '../rows.js';
import { runJobs, runSecretOutputs } from '../schema.js';
import { keyVersionStats, pageConditions, resealRows } from './reseal.js';

type OutputMethods = Pick<
  RunRepository,
  | 'lockJobOutputs'
  | 'putOutput'
  | 'outputsOf'
  | 'outputInfos'
  | 'maxKeyVersion'
  | 'count'
  | 'lockBatchBelowVersion'
  | 'reseal'
>;

const INFO = {
  jobId: runSecretOutputs.jobId,
  key: runSecretOutputs.key,
  bytes: runSecretOutputs.bytes,
  createdAt: runSecretOutputs.createdAt,
};
const info = (row: { key: string; bytes: number; createdAt: Date }): OutputInfo => ({
  key: row.key,
  bytes: row.bytes,
  createdAt: row.createdAt,
});

/** run_secret_outputs: a job's outputs, sealed with the master key, and their rotation. */
export function runOutputs(db: Db): OutputMethods {
  const raw = drizzleQuery(db);
  return {
    async lockJobOutputs(runId, jobId) {
      const [job] = await db
        .select({ jobId: runJobs.jobId })
        .from(runJobs)
        .where(and(eq(runJobs.runId, runId), eq(runJobs.jobId, jobId)))
        .for('update');
      if (!job) return undefined;
      // A statement of its own, after the lock: it sees what the previous holder committed.
      const rows = await db
        .select(INFO)
        .from(runSecretOutputs)
        .where(and(eq(runSecretOutputs.runId, runId), eq(runSecretOutputs.jobId, jobId)))
        .orderBy(asc(runSecretOutputs.key));
      return rows.map(info);
    },

    async putOutput(output) {
      // Only while the run is running: an output written after its run ended (a put racing
      // `end`) would outlive the run, so it is refused instead.
      const [row] = await raw<{ key: string; bytes: number; createdAt: number }>(sql`
        insert into run_secret_outputs (org_id, run_id, job_id, key, ciphertext, key_version, bytes)
        select ${output.orgId}::text, ${output.runId}::text, ${output.jobId}::text,
          ${output.key}::text, ${output.ciphertext}::bytea, ${output.keyVersion}::int,
          ${output.bytes}::int
        where exists (select 1 from runs where run_id = ${output.runId} and state = 'running')
        on conflict (run_id, job_id, key) do update set org_id = excluded.org_id,
          ciphertext = excluded.ciphertext, key_version = excluded.key_version,
          bytes = excluded.bytes, created_at = now()
        returning key, bytes, ${sql.raw(epochMs('created_at'))} as "createdAt"`);
      if (!row) throw conflict(`run ${output.runId} is not running: its outputs are closed`);
      return { key: row.key, bytes: row.bytes, createdAt: new Date(row.createdAt) };
    },

    async outputsOf(runId, jobIds) {
      if (jobIds.length === 0) return [];
      return db
        .select({
          runId: runSecretOutputs.runId,
          jobId: runSecretOutputs.jobId,
          key: runSecretOutputs.key,
          ciphertext: runSecretOutputs.ciphertext,
          keyVersion: runSecretOutputs.keyVersion,
          bytes: runSecretOutputs.bytes,
          createdAt: runSecretOutputs.createdAt,
        })
        .from(runSecretOutputs)
        .where(and(eq(runSecretOutputs.runId, runId), inArray(runSecretOutputs.jobId, [...jobIds])))
        .orderBy(asc(runSecretOutputs.jobId), asc(runSecretOutputs.key));
    },

    async outputInfos(runId) {
      const rows = await db
        .select(INFO)
        .from(runSecretOutputs)
        .where(eq(runSecretOutputs.runId, runId))
        .orderBy(asc(runSecretOutputs.jobId), asc(runSecretOutputs.key));
      const byJob = new Map<string, OutputInfo[]>();
      for (const row of rows) {
        const list = byJob.get(row.jobId) ?? [];
        list.push(info(row));
        byJob.set(row.jobId, list);
      }
      return byJob;
    },

    ...keyVersionStats(db, runSecretOutputs),

    // created_at is the row's last write (a replaced value restarts it).
    lockBatchBelowVersion: async (target, limit, writtenBefore, page) =>
      (
        await db
          .select({
            id: runSecretOutputs.id,
            ciphertext: runSecretOutputs.ciphertext,
            orgId: runSecretOutputs.orgId,
            runId: runSecretOutputs.runId,
            jobId: runSecretOutputs.jobId,
            key: runSecretOutputs.key,
          })
          .from(runSecretOutputs)
          .where(
            and(
              ...pageConditions(runSecretOutputs.id, page),
              lt(runSecretOutputs.keyVersion, target),
              lte(runSecretOutputs.createdAt, writtenBefore),
            ),
          )
          .orderBy(asc(runSecretOutputs.id))
          .limit(limit)
          .for('update', { skipLocked: true })
      ).map((row) => ({
        id: row.id,
        ciphertext: row.ciphertext,
        orgId: row.orgId,
        scope: `${row.runId}/${row.jobId}`,
        key: row.key,
        version: 0,
      })),

    async reseal(rows, keyVersion) {
      await resealRows(db, runSecretOutputs, rows, keyVersion);
    },
  };
}
