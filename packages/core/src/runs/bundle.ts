import { jobBundleAad } from '@kici/crypto';
import { type RunEnvelopes, sealJsonToAgent } from '../kernel/run-envelopes.js';
import type { ResolvedSecret, ResolvedVariable } from '../resolution/port.js';

/** What a job's agent opens: the contracts' JobBundle. */
export interface JobBundle {
  readonly runId: string;
  readonly jobId: string;
  readonly environment: string;
  readonly secrets: Record<string, ResolvedSecret>;
  readonly variables: Record<string, ResolvedVariable>;
}

/**
 * The job's secrets: the environment's, then the upstream outputs. An environment secret wins
 * a key an output also sets — values an admin set behind protection rules are never shadowed
 * by code running in a job; the shadowed keys are returned for the audit row.
 */
export function mergeOutputs(
  environment: Readonly<Record<string, ResolvedSecret>>,
  outputs: ReadonlyMap<string, ResolvedSecret>,
): { secrets: Record<string, ResolvedSecret>; shadowed: string[] } {
  const secrets: Record<string, ResolvedSecret> = { ...environment };
  const shadowed: string[] = [];
  for (const [key, { value, backend, scope }] of outputs) {
    if (Object.hasOwn(secrets, key)) shadowed.push(key);
    else secrets[key] = { value, backend, scope };
  }
  return { secrets, shadowed: shadowed.sort() };
}

export const sealJobBundle = (
  envelopes: RunEnvelopes,
  agentPublicKey: Uint8Array,
  bundle: JobBundle,
) => sealJsonToAgent(envelopes, agentPublicKey, bundle, jobBundleAad(bundle.runId, bundle.jobId));

/** Where each key came from, without values: for the dispatcher's logs. */
export const sourcesOf = (secrets: Readonly<Record<string, ResolvedSecret>>) =>
  Object.fromEntries(
    Object.entries(secrets).map(([key, { backend, scope }]) => [key, { backend, scope }]),
  );
