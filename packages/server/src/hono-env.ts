import type { Actor, JobPrincipal } from '@kici/core';

/** What every handler may read from Hono's context: set by the auth and body-limit middleware. */
export type Env = { Variables: { actor: Actor; job: JobPrincipal; maxBodyBytes: number } };
