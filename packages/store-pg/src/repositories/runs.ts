import type {
  JobCredentialRecord,
  OutputInfo,
  RunJobRecord,
  RunRecord,
  RunRepository,
  RunSummaryRecord,
} from '@kici/core';
import { and, asc, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../database.js';
import { drizzleQuery, type RawQuery } from '../rows.js';
import { runJobs, runs } from '../schema.js';
import { runCleanup } from './run-cleanup.js';
import { runDispatch } from './run-dispatch.js';
import { runOutputs } from './run-outputs.js';

/** Jobs not final yet: what dispatch may (re)dispatch, finish may finish and end skips. */
export const OPEN_JOB_STATES = ['pending', 'dispatched'];

// Correlated with the listed run, table-qualified (drizzle renders a lone column bare).
const RUN = sql.raw('"runs"."run_id"');
// Live outputs while the run runs, the kept summary once it has ended (never both).
const OUTPUTS = sql<number>`(select count(*) from run_secret_outputs o where o.run_id = ${RUN})::float8
  + (select coalesce(sum(jsonb_array_length(j.output_summary)), 0) from run_jobs j where j.run_id = ${RUN})::float8`;
const OUTPUT_BYTES = sql<number>`(select coalesce(sum(o.bytes), 0) from run_secret_outputs o where o.run_id = ${RUN})::float8
  + (select coalesce(sum((e->>'bytes')::float8), 0) from run_jobs j
     cross join jsonb_array_elements(j.output_summary) e where j.run_id = ${RUN})::float8`;
const JOBS = sql<number>`(select count(*) from run_jobs j where j.run_id = ${RUN})::float8`;

/** A summary entry as stored (createdAt as ISO text) back to the port's shape. */
export const summaryInfo = (entry: { key: string; bytes: number; createdAt: string }) =>
  ({ key: entry.key, bytes: entry.bytes, createdAt: new Date(entry.createdAt) }) as OutputInfo;

const runRecord = (row: typeof runs.$inferSelect) =>
  ({
    runId: row.runId,
    orgId: row.orgId,
    state: row.state,
    createdAt: row.createdAt,
    completedAt: row.completedAt,
  }) as RunRecord;

const jobRecord = (row: typeof runJobs.$inferSelect) =>
  ({
    runId: row.runId,
    jobId: row.jobId,
    needs: row.needs,
    state: row.state,
    dispatchedAt: row.dispatchedAt,
    finishedAt: row.finishedAt,
    outputSummary: row.outputSummary.map(summaryInfo),
  }) as RunJobRecord;

// Read on every dispatch and every output an agent puts: built once per handle, as drizzle's
// prepared queries (the placeholders bound per call).
const prepareFindRun = (db: Db) =>
  db
    .select({ run: runs, job: runJobs })
    .from(runs)
    .leftJoin(runJobs, eq(runJobs.runId, runs.runId))
    .where(eq(runs.runId, sql.placeholder('runId')))
    .orderBy(asc(runJobs.position))
    .prepare('kici_run_find');

const prepareFindCredential = (db: Db) =>
  db
    .select({
      runId: runJobs.runId,
      jobId: runJobs.jobId,
      orgId: runs.orgId,
      runState: runs.state,
      jobState: runJobs.state,
      expiresAt: runJobs.credentialExpiresAt,
    })
    .from(runJobs)
    .innerJoin(runs, eq(runs.runId, runJobs.runId))
    .where(eq(runJobs.credentialHash, sql.placeholder('credentialHash')))
    .prepare('kici_run_credential');

export function runRepository(db: Db, raw: RawQuery = drizzleQuery(db)): RunRepository {
  let findRun: ReturnType<typeof prepareFindRun> | undefined;
  let findCredential: ReturnType<typeof prepareFindCredential> | undefined;
  return {
    create: (run) =>
      db.transaction(async (tx) => {
        const inserted = await tx
          .insert(runs)
          .values({ runId: run.runId, orgId: run.orgId })
          .onConflictDoNothing()
          .returning({ runId: runs.runId });
        if (inserted.length === 0) return false;
        if (run.jobs.length > 0) {
          await tx.insert(runJobs).values(
            run.jobs.map((job, position) => ({
              runId: run.runId,
              jobId: job.jobId,
              position,
              needs: [...job.needs],
            })),
          );
        }
        return true;
      }),

    async find(runId) {
      findRun ??= prepareFindRun(db);
      const rows = await findRun.execute({ runId });
      const [first] = rows;
      if (!first) return undefined;
      const jobs = rows.flatMap((row) => (row.job ? [jobRecord(row.job)] : []));
      return { ...runRecord(first.run), jobs };
    },

    async list(filter) {
      const conditions: SQL[] = [];
      if (filter.orgId !== undefined) conditions.push(eq(runs.orgId, filter.orgId));
      if (filter.state !== undefined) conditions.push(eq(runs.state, filter.state));
      const rows = await db
        .select({
          run: runs,
          jobs: JOBS.mapWith(Number),
          outputs: OUTPUTS.mapWith(Number),
          outputBytes: OUTPUT_BYTES.mapWith(Number),
        })
        .from(runs)
        .where(and(...conditions))
        .orderBy(desc(runs.createdAt), desc(runs.runId))
        .limit(filter.limit);
      return rows.map(
        (row): RunSummaryRecord => ({
          ...runRecord(row.run),
          jobs: row.jobs,
          outputs: row.outputs,
          outputBytes: row.outputBytes,
        }),
      );
    },

    async findCredential(credentialHash) {
      findCredential ??= prepareFindCredential(db);
      const [row] = await findCredential.execute({ credentialHash });
      return row?.expiresAt ? (row as JobCredentialRecord) : undefined;
    },

    async finishJob(runId, jobId, state) {
      const rows = await db
        .update(runJobs)
        .set({ state, finishedAt: sql`now()`, credentialHash: null, credentialExpiresAt: null })
        .where(
          and(
            eq(runJobs.runId, runId),
            eq(runJobs.jobId, jobId),
            inArray(runJobs.state, OPEN_JOB_STATES),
          ),
        )
        .returning({ jobId: runJobs.jobId });
      return rows.length > 0;
    },

    async allJobsFinal(runId) {
      const open = await db
        .select({ jobId: runJobs.jobId })
        .from(runJobs)
        .where(and(eq(runJobs.runId, runId), inArray(runJobs.state, OPEN_JOB_STATES)))
        .limit(1);
      return open.length === 0;
    },

    ...runOutputs(db),
    ...runDispatch(raw),
    ...runCleanup(db),
  };
}
