import type { Actor } from '@kici/core';

/** The run and job a job credential speaks for (set by the agent app's auth). */
export interface JobPrincipal {
  readonly runId: string;
  readonly jobId: string;
  readonly orgId: string;
}

/** What every handler may read from Hono's context: set by the auth and body-limit middleware. */
export type Env = { Variables: { actor: Actor; job: JobPrincipal; maxBodyBytes: number } };
