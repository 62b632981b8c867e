import { JOB_CREDENTIAL_PREFIX } from '@kici/contracts/vocabulary';
import { generateToken, hashAdminToken } from '@kici/crypto';
import { createAuthRefusal } from '../kernel/auth-refusal.js';
import { type AuthFailureLimits, DEFAULT_AUTH_FAILURE_LIMITS } from '../kernel/failure-limit.js';
import type { Store } from '../store.js';

export const INVALID_JOB_CREDENTIAL = 'Invalid or expired job credential';

/** Who a job credential authenticates: one job of one run. */
export interface JobPrincipal {
  readonly runId: string;
  readonly jobId: string;
  readonly orgId: string;
}

/** A new job credential: `kici_job_` and 64 hex characters (256 bits); only its hash is kept. */
export function newJobCredential(): { credential: string; hash: string } {
  const credential = generateToken(JOB_CREDENTIAL_PREFIX);
  return { credential, hash: hashAdminToken(credential) };
}

/**
 * Authenticates an agent's job credential: known (by its hash), not expired, its job not
 * final, its run still running. Anything else is one 401, limited and audited per client
 * address like the dispatcher's credential.
 */
export function createJobAuth({
  store,
  failureLimits = DEFAULT_AUTH_FAILURE_LIMITS,
  now = () => Date.now(),
}: {
  readonly store: Pick<Store, 'runs' | 'audit'>;
  readonly failureLimits?: AuthFailureLimits | undefined;
  readonly now?: () => number;
}) {
  const refuse = createAuthRefusal({
    store,
    actor: 'job',
    action: 'job.authenticate',
    limits: failureLimits,
    message: INVALID_JOB_CREDENTIAL,
  });
  return async function authenticateJob(
    presented: string | undefined,
    routingKey: string,
    client = 'unknown',
  ): Promise<JobPrincipal> {
    if (presented?.startsWith(JOB_CREDENTIAL_PREFIX) && presented.length < 256) {
      const found = await store.runs.findCredential(hashAdminToken(presented));
      if (
        found &&
        found.runState === 'running' &&
        found.jobState === 'dispatched' &&
        found.expiresAt.getTime() > now()
      ) {
        return { runId: found.runId, jobId: found.jobId, orgId: found.orgId };
      }
    }
    return refuse(presented, routingKey, client, now());
  };
}
