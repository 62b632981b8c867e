import {
  type FinalJobState,
  RUN_CLEANUP_INTERVAL_MS,
  RUN_ORPHAN_AGE_MS,
} from '@kici/contracts/vocabulary';
import type { PreparedRunSeal } from '@kici/crypto';
import type { JobContext } from '../environments/port.js';
import { DISPATCHER_ACTOR, SYSTEM_ACTOR_NAME } from '../kernel/actor.js';
import { conflict, KiciError, notFound } from '../kernel/errors.js';
import type { AuthFailureLimits } from '../kernel/failure-limit.js';
import { auditEntry } from '../kernel/guard.js';
import type { KeyringHolder } from '../kernel/keyring-holder.js';
import { agreeWithAgent, type RunEnvelopes } from '../kernel/run-envelopes.js';
import type {
  ChainDispatch,
  DispatchedJob,
  ResolvedSecret,
  ResolvedVariable,
} from '../resolution/port.js';
import type { Store } from '../store.js';
import { mergeOutputs, sealJobBundle, sourcesOf } from './bundle.js';
import { createJobAuth, newJobCredential } from './credentials.js';
import { checkJobGraph, type JobDeclaration, sameGraph } from './graph.js';
import { createOutputs, type RunLimits } from './outputs.js';
import type { DispatchView, RunWithJobs } from './port.js';
import { createRunViews } from './views.js';

/** A job credential lives at most this long (KICI_JOB_CREDENTIAL_TTL_MS), never past its run key. */
export const DEFAULT_JOB_CREDENTIAL_TTL_MS = 6 * 60 * 60 * 1000;

/** What job-time resolution answers (resolution's Resolution, as far as runs read it). */
export type JobResolution =
  | {
      readonly allowed: true;
      readonly environment: string;
      readonly secrets: Record<string, ResolvedSecret>;
      readonly variables: Record<string, ResolvedVariable>;
      readonly dispatched?: DispatchedJob;
    }
  | { readonly allowed: false; readonly reason: string };

export interface RunServiceDeps {
  readonly store: Pick<Store, 'runs' | 'runKeys' | 'audit' | 'transaction' | 'now'>;
  readonly keyring: KeyringHolder;
  readonly envelopes: RunEnvelopes;
  readonly limits: RunLimits;
  /** Job-time resolution of the environment, dispatching the job (resolution's `resolve`). */
  readonly resolve: (job: JobContext, dispatch: ChainDispatch) => Promise<JobResolution>;
  /** The run's key pair, created once (test-runs' `runKey`, wired by createCore). */
  readonly runKey: (
    orgId: string,
    runId: string,
  ) => Promise<{ publicKey: Uint8Array; expiresAt: Date }>;
  readonly jobCredentialTtlMs?: number | undefined;
  readonly cleanupIntervalMs?: number | undefined;
  readonly instanceId?: string | undefined;
  readonly failureLimits?: AuthFailureLimits | undefined;
  readonly now?: () => Date;
}

/**
 * Runs and cross-job secret outputs (the seed's "Cross-job secret outputs"): a run's X25519
 * key pair and job graph, sealed dispatch, outputs, completion that deletes the run's key and
 * outputs (forward secrecy), and the hourly cleanup of orphans.
 */
export function createRunService(deps: RunServiceDeps) {
  const { store, envelopes, now = () => new Date() } = deps;
  const ttl = deps.jobCredentialTtlMs ?? DEFAULT_JOB_CREDENTIAL_TTL_MS;
  const outputs = createOutputs(deps);
  const views = createRunViews(deps);
  const authenticateJob = createJobAuth({
    store,
    failureLimits: deps.failureLimits,
    now: () => now().getTime(),
  });
  const dispatcherAudit = (action: string, orgId: string, metadata: Record<string, unknown>) =>
    store.audit.append(auditEntry(DISPATCHER_ACTOR, action, 'success', { orgId, metadata }));

  /** Audits a refused dispatch and answers the error to throw. */
  async function refuse(job: { runId: string; jobId: string; orgId: string }, error: Error) {
    await store.audit.append(
      auditEntry(DISPATCHER_ACTOR, 'run.dispatch', 'failure', {
        orgId: job.orgId,
        metadata: { runId: job.runId, jobId: job.jobId, reason: error.message },
      }),
    );
    return error;
  }

  /**
   * Why a job was not dispatched, when its run says so (missing, ended, another org's, no such
   * job, finished): audited and thrown. The statement checks the same, and states only move
   * forward, so a view that allows the job leaves the caller's own reason to tell.
   */
  async function explainUndispatched(job: { runId: string; jobId: string; orgId: string }) {
    const view = await store.runs.dispatchView(job.runId, job.jobId);
    try {
      dispatchable(job, view);
    } catch (error) {
      throw await refuse(job, error as Error);
    }
  }

  /**
   * One statement reads the chain, dispatches the job, reads the run's key and the needed
   * jobs' outputs, and writes the read's audit row (ChainDispatch). Only a job it did not
   * dispatch costs a second read: the run's view, to say why.
   */
  async function dispatchSealed(job: JobContext, agent: PreparedRunSeal) {
    const { credential, hash } = newJobCredential();
    let resolution: JobResolution;
    try {
      resolution = await deps.resolve(job, {
        runId: job.runId,
        jobId: job.jobId,
        credentialHash: hash,
        ttlMs: ttl,
      });
    } catch (error) {
      await explainUndispatched(job);
      throw error;
    }
    if (!resolution.allowed) {
      await explainUndispatched(job);
      throw new KiciError('forbidden', resolution.reason);
    }
    const { dispatched } = resolution;
    if (!dispatched) {
      await explainUndispatched(job);
      throw await refuse(
        job,
        conflict(`Job ${job.jobId} of run ${job.runId} can no longer be dispatched`),
      );
    }
    const key = dispatched.runKey ?? (await deps.runKey(job.orgId, job.runId));
    const upstream = outputs.openUpstream(job.orgId, job.runId, dispatched.upstream);
    const secrets = mergeOutputs(resolution.secrets, upstream);
    const bundle = sealJobBundle(agent, {
      runId: job.runId,
      jobId: job.jobId,
      environment: resolution.environment,
      secrets,
      variables: resolution.variables,
    });
    return {
      runId: job.runId,
      jobId: job.jobId,
      environment: resolution.environment,
      runPublicKey: key.publicKey,
      bundle,
      credential,
      credentialExpiresAt: dispatched.until,
      sources: sourcesOf(secrets),
    };
  }

  async function liveRun(runId: string, orgId?: string): Promise<RunWithJobs> {
    const run = await store.runs.find(runId);
    if (!run || (orgId !== undefined && run.orgId !== orgId)) throw runNotFound(runId);
    if (run.state !== 'running') throw conflict(`Run ${runId} has ${endedWord(run.state)}`);
    return run;
  }

  async function created(run: RunWithJobs, jobs: JobDeclaration[]) {
    const key = await deps.runKey(run.orgId, run.runId);
    return { runId: run.runId, orgId: run.orgId, state: run.state, ...key, jobs };
  }

  return {
    async create(input: { orgId: string; runId: string; jobs: readonly JobDeclaration[] }) {
      const jobs = checkJobGraph(input.jobs);
      const fresh = await store.runs.create({
        runId: input.runId,
        orgId: input.orgId,
        jobs: jobs.map((job) => ({ jobId: job.id, needs: job.needs })),
      });
      const run = await store.runs.find(input.runId);
      if (!run) throw notFound(`Run ${input.runId}`);
      const stored = run.jobs.map((job) => ({ id: job.jobId, needs: [...job.needs] }));
      if (!fresh) {
        if (run.orgId !== input.orgId || !sameGraph(stored, jobs))
          throw conflict(`Run ${input.runId} exists with another org or job graph`);
        if (run.state !== 'running')
          throw conflict(`Run ${input.runId} has ${endedWord(run.state)}`);
        return created(run, stored);
      }
      const answer = await created(run, stored);
      await dispatcherAudit('run.create', input.orgId, { runId: input.runId, jobs: jobs.length });
      return answer;
    },

    /** A job's secrets (environment + upstream outputs) sealed to the agent, and its credential. */
    async dispatch(job: JobContext & { readonly agentPublicKey: Uint8Array }) {
      // A key that cannot agree is refused before anything is written.
      const agent = agreeWithAgent(envelopes, job.agentPublicKey);
      try {
        return await dispatchSealed(job, agent);
      } finally {
        agent.discard(); // a no-op once the bundle was sealed
      }
    },

    authenticateJob,
    setOutput: outputs.set,

    async finishJob(runId: string, jobId: string, status: FinalJobState) {
      const run = await liveRun(runId);
      if (!run.jobs.some((job) => job.jobId === jobId))
        throw notFound(`Job ${jobId} of run ${runId}`);
      if (!(await store.runs.finishJob(runId, jobId, status)))
        throw conflict(`Job ${jobId} of run ${runId} has already finished`);
      if (!(await store.runs.allJobsFinal(runId)))
        return { runId, jobId, state: status, runState: 'running' as const };
      const deleted = await store.runs.end(runId, 'completed');
      if (deleted) await dispatcherAudit('run.complete', run.orgId, { runId, deleted });
      return {
        runId,
        jobId,
        state: status,
        runState: 'completed' as const,
        ...(deleted ? { deleted } : {}),
      };
    },

    /** The dispatcher ends a run: jobs left are skipped, its key and outputs deleted. */
    async complete(runId: string) {
      const run = await liveRun(runId);
      const deleted = await store.runs.end(runId, 'completed');
      if (!deleted) throw conflict(`Run ${runId} has already ended`);
      await dispatcherAudit('run.complete', run.orgId, { runId, deleted });
      return { runId, state: 'completed' as const, deleted };
    },

    ...views,

    /** One instance per interval deletes orphans (keys and outputs older than 24 hours). */
    async cleanupDue() {
      const every = deps.cleanupIntervalMs ?? RUN_CLEANUP_INTERVAL_MS;
      const instance = deps.instanceId ?? 'instance';
      if (!(await store.runs.claimTick('run-cleanup', every, instance))) return { ran: false };
      const cutoff = new Date((await store.now()).getTime() - RUN_ORPHAN_AGE_MS);
      const deleted = await store.runs.deleteOrphans(cutoff);
      if (deleted.keys + deleted.outputs + deleted.runs > 0) {
        await store.audit.append(
          auditEntry(SYSTEM_ACTOR_NAME, 'run.cleanup', 'success', {
            metadata: { ...deleted, instance, cutoff: cutoff.toISOString() },
          }),
        );
      }
      return { ran: true, deleted };
    },
  };
}

/** Throws the error saying why the view's job may not be dispatched, if it may not. */
function dispatchable(job: { runId: string; jobId: string; orgId: string }, view?: DispatchView) {
  if (!view || view.orgId !== job.orgId) throw runNotFound(job.runId);
  if (view.runState !== 'running')
    throw conflict(`Run ${job.runId} has ${endedWord(view.runState)}`);
  const declared = view.job;
  if (!declared) throw notFound(`Job ${job.jobId} of run ${job.runId}`);
  if (declared.state !== 'pending' && declared.state !== 'dispatched')
    throw conflict(`Job ${job.jobId} of run ${job.runId} has finished (${declared.state})`);
}

const runNotFound = (runId: string) =>
  new KiciError('not_found', `Run ${runId} not found: create it with POST /internal/v1/runs first`);

export const endedWord = (state: string) =>
  state === 'cancelled' ? 'been cancelled' : state === 'expired' ? 'expired' : 'completed';

export type RunService = ReturnType<typeof createRunService>;
