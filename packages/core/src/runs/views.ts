import type { RunState } from '@kici/contracts/vocabulary';
import { type Actor, actorName } from '../kernel/actor.js';
import { conflict, notFound } from '../kernel/errors.js';
import { auditEntry, authorize } from '../kernel/guard.js';
import type { Store } from '../store.js';
import type { OutputInfo, RunWithJobs } from './port.js';

export const DEFAULT_RUN_LIST_LIMIT = 50;

/**
 * Runs as operators see them (`kici-admin run list|show|cancel`): states, jobs, output keys
 * and sizes, never a value. Live outputs are read from run_secret_outputs; an ended run shows
 * the summary its jobs kept when the rows were deleted.
 */
export function createRunViews({
  store,
  runKey,
}: {
  readonly store: Pick<Store, 'runs' | 'audit'>;
  readonly runKey: (orgId: string, runId: string) => Promise<{ expiresAt: Date }>;
}) {
  async function detail(run: RunWithJobs) {
    const live: Map<string, OutputInfo[]> =
      run.state === 'running' ? await store.runs.outputInfos(run.runId) : new Map();
    const expiresAt =
      run.state === 'running'
        ? (await runKey(run.orgId, run.runId)).expiresAt
        : (run.completedAt ?? run.createdAt);
    return {
      runId: run.runId,
      orgId: run.orgId,
      state: run.state,
      createdAt: run.createdAt,
      completedAt: run.completedAt,
      expiresAt,
      jobs: run.jobs.map((job) => ({
        jobId: job.jobId,
        needs: [...job.needs],
        state: job.state,
        dispatchedAt: job.dispatchedAt,
        finishedAt: job.finishedAt,
        outputs: run.state === 'running' ? (live.get(job.jobId) ?? []) : [...job.outputSummary],
      })),
    };
  }

  async function found(runId: string) {
    const run = await store.runs.find(runId);
    if (!run) throw notFound(`Run ${runId}`);
    return run;
  }

  return {
    async list(actor: Actor, filter: { orgId?: string; state?: RunState; limit?: number } = {}) {
      await authorize(store, actor, 'run.read', 'run.list', { orgId: filter.orgId ?? null });
      const runs = await store.runs.list({
        orgId: filter.orgId,
        state: filter.state,
        limit: filter.limit ?? DEFAULT_RUN_LIST_LIMIT,
      });
      return { runs };
    },

    async show(actor: Actor, runId: string) {
      await authorize(store, actor, 'run.read', 'run.show', { metadata: { runId } });
      return detail(await found(runId));
    },

    /** Cancel completes the run at once: its key pair and outputs are deleted. */
    async cancel(actor: Actor, runId: string) {
      await authorize(store, actor, 'run.cancel', 'run.cancel', { metadata: { runId } });
      const run = await found(runId);
      const deleted = await store.runs.end(runId, 'cancelled');
      if (!deleted) throw conflict(`Run ${runId} has already ended (${run.state})`);
      await store.audit.append(
        auditEntry(actorName(actor), 'run.cancel', 'success', {
          orgId: run.orgId,
          metadata: { runId, deleted },
        }),
      );
      return { ...(await detail(await found(runId))), deleted };
    },
  };
}
