import type { FinalJobState, JobState, RunState } from '@kici/contracts/vocabulary';
import type { ResealableRepository } from '../kernel/reseal.js';

/**
 * What runs need from storage: `runs` and `run_jobs` (the run's job graph, states and job
 * credentials, stored hashed) and `run_secret_outputs` (each output sealed with the master
 * key). The run's key pair lives in `run_ephemeral_keys` (test-runs/port.ts). Values never
 * reach these records in plaintext.
 */

export interface RunRecord {
  readonly runId: string;
  readonly orgId: string;
  readonly state: RunState;
  readonly createdAt: Date;
  readonly completedAt: Date | null;
}

/** An output as listings show it: key and size, never the value. */
export interface OutputInfo {
  readonly key: string;
  readonly bytes: number;
  readonly createdAt: Date;
}

export interface RunJobRecord {
  readonly runId: string;
  readonly jobId: string;
  /** The job ids it needs, in declared order (the order upstream outputs are merged in). */
  readonly needs: readonly string[];
  readonly state: JobState;
  readonly dispatchedAt: Date | null;
  readonly finishedAt: Date | null;
  /**
   * Outputs kept once the run has ended (keys and sizes only, written when the rows go);
   * while the run is live, listings read them from run_secret_outputs.
   */
  readonly outputSummary: readonly OutputInfo[];
}

export interface RunWithJobs extends RunRecord {
  readonly jobs: readonly RunJobRecord[];
}

export interface RunListFilter {
  readonly orgId?: string | undefined;
  readonly state?: RunState | undefined;
  readonly limit: number;
}

export interface RunSummaryRecord extends RunRecord {
  readonly jobs: number;
  /** Live outputs, or the kept summary's once the run has ended. */
  readonly outputs: number;
  readonly outputBytes: number;
}

/** What a job credential authenticates as (looked up by its hash). */
export interface JobCredentialRecord {
  readonly runId: string;
  readonly jobId: string;
  readonly orgId: string;
  readonly runState: RunState;
  readonly jobState: JobState;
  readonly expiresAt: Date;
}

/** What says whether a job may be dispatched: its run's org and state, and its own state. */
export interface DispatchView {
  readonly orgId: string;
  readonly runState: RunState;
  readonly job: { readonly state: JobState; readonly needs: readonly string[] } | undefined;
}

/** One output row, sealed with the master key (AAD: kernel/aad.ts runOutputAad). */
export interface SealedOutput {
  readonly runId: string;
  readonly jobId: string;
  readonly key: string;
  readonly ciphertext: Uint8Array;
  readonly keyVersion: number;
  /** The plaintext's UTF-8 size, for limits and listings. */
  readonly bytes: number;
  readonly createdAt: Date;
}

export interface DeletedCounts {
  readonly keys: number;
  readonly outputs: number;
}

/**
 * Run outputs are resealable (rotate-key covers them): in a SealedRow, `scope` is
 * `<runId>/<jobId>` and `key` the output's key.
 */
export interface RunRepository extends ResealableRepository {
  /** Inserts the run (state running) and its jobs (state pending); false if the run exists. */
  create(run: {
    readonly runId: string;
    readonly orgId: string;
    readonly jobs: readonly { readonly jobId: string; readonly needs: readonly string[] }[];
  }): Promise<boolean>;
  /** The run with its jobs in declared order. */
  find(runId: string): Promise<RunWithJobs | undefined>;
  /** Newest first. */
  list(filter: RunListFilter): Promise<RunSummaryRecord[]>;

  /** The job a credential hash belongs to, whatever its state (the caller checks). */
  findCredential(credentialHash: string): Promise<JobCredentialRecord | undefined>;
  /**
   * Sets a job's final state and clears its credential; the job must not be final yet.
   * False when it was already final or does not exist.
   */
  finishJob(runId: string, jobId: string, state: FinalJobState): Promise<boolean>;
  /** Whether every job of the run is in a final state. */
  allJobsFinal(runId: string): Promise<boolean>;

  /**
   * Locks the job's row until the transaction ends (so that concurrent outputs of one job
   * are checked against limits one at a time) and returns its live outputs' sizes.
   * Undefined when the job does not exist. Call inside `store.transaction`.
   */
  lockJobOutputs(runId: string, jobId: string): Promise<OutputInfo[] | undefined>;
  /** Inserts or replaces (same run, job and key) an output. */
  putOutput(
    output: Omit<SealedOutput, 'createdAt'> & { readonly orgId: string },
  ): Promise<OutputInfo>;
  /**
   * Whether a job may be dispatched, for saying why one was not: the run's org and state, the
   * job's state and needs (undefined when the run has no such job). Undefined when the run
   * does not exist.
   */
  dispatchView(runId: string, jobId: string): Promise<DispatchView | undefined>;
  /** The outputs of the given jobs of a run, sealed. */
  outputsOf(runId: string, jobIds: readonly string[]): Promise<SealedOutput[]>;
  /** Live outputs of every job of a run (key and size), for listings. */
  outputInfos(runId: string): Promise<Map<string, OutputInfo[]>>;

  /**
   * Ends a running run: sets `state` and `completedAt`, marks its pending and dispatched
   * jobs `skipped` (`cancelled` when state is cancelled) and clears their credentials,
   * keeps each job's outputs' keys and sizes in its summary, and deletes the run's outputs
   * and its key pair (run_ephemeral_keys), all in one transaction. Undefined when the run
   * is not running (already ended, or unknown).
   */
  end(runId: string, state: Exclude<RunState, 'running'>): Promise<DeletedCounts | undefined>;

  /**
   * Claims a periodic task for this tick across every instance on the database: true for
   * exactly one caller per `everyMs` (the due time moves forward in the same statement).
   */
  claimTick(task: string, everyMs: number, instanceId: string): Promise<boolean>;
  /**
   * Deletes run keys and outputs created before `cutoff` (orphans of crashed runs), and
   * marks runs still running that were created before it `expired`.
   */
  deleteOrphans(cutoff: Date): Promise<DeletedCounts & { readonly runs: number }>;
}
