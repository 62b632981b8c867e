/**
 * Runs and cross-job secret outputs: the facts the orchestrator, the CLI and the agent SDK
 * share.
 */

/** The `backend` a job's `getMeta` names for a value another job of the run produced. */
export const JOB_OUTPUT_BACKEND = 'job-output';

/** The prefix of a job's credential (`kici_job_…`), given at dispatch, stored hashed. */
export const JOB_CREDENTIAL_PREFIX = 'kici_job_';

export const RUN_STATES = ['running', 'completed', 'cancelled', 'expired'] as const;
export type RunState = (typeof RUN_STATES)[number];

/** `pending` until dispatched; the last four are final (the run completes when all are). */
export const JOB_STATES = [
  'pending',
  'dispatched',
  'succeeded',
  'failed',
  'cancelled',
  'skipped',
] as const;
export type JobState = (typeof JOB_STATES)[number];
export const FINAL_JOB_STATES = ['succeeded', 'failed', 'cancelled', 'skipped'] as const;
export type FinalJobState = (typeof FINAL_JOB_STATES)[number];

/** Defaults of the per-job output limits (KICI_RUN_MAX_OUTPUTS_PER_JOB, …). */
export const DEFAULT_MAX_OUTPUTS_PER_JOB = 100;
export const DEFAULT_MAX_OUTPUT_BYTES = 64 * 1024;
export const DEFAULT_MAX_OUTPUT_TOTAL_BYTES = 1024 * 1024;

/** Orphans of crashed runs (keys and outputs) older than this are deleted. */
export const RUN_ORPHAN_AGE_MS = 24 * 60 * 60 * 1000;
/** How often the orphan cleanup runs (on one instance of a cluster per tick). */
export const RUN_CLEANUP_INTERVAL_MS = 60 * 60 * 1000;
