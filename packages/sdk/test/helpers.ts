import type { JobBundle } from '@kici/contracts';
import { jobBundleAad } from '@kici/crypto';
import { generateRunKeyPair, sealForRun } from '@kici/crypto/node';

export const encode = (text: string) => new TextEncoder().encode(text);
export const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

export const jobBundle: JobBundle = {
  runId: 'run-42',
  jobId: 'deploy',
  environment: 'production',
  secrets: {
    DB_PASSWORD: { value: 'hunter2-db-password', backend: 'pg', scope: 'pg:production/db' },
    API_TOKEN: { value: 'tok_from_job_build', backend: 'job-output', scope: 'run-42/build' },
  },
  variables: { REGION: { value: 'eu-west-1', scope: 'pg:production' } },
};

/** A bundle sealed the way the orchestrator does it: node's sealForRun, jobBundleAad. */
export function sealJobBundle(
  agentPublicKey: Uint8Array,
  bundle: unknown = jobBundle,
  aad = jobBundleAad(jobBundle.runId, jobBundle.jobId),
): Uint8Array {
  return sealForRun(agentPublicKey, encode(JSON.stringify(bundle)), aad);
}

export { generateRunKeyPair };
