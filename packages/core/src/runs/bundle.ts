import type { PreparedRunSeal } from '@kici/crypto';
import { jobBundleAad } from '@kici/crypto';
import { sealJson } from '../kernel/run-envelopes.js';
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
 * by code running in a job (the audit row names both, in `keys` and `outputs`).
 */
export function mergeOutputs(
  environment: Readonly<Record<string, ResolvedSecret>>,
  outputs: ReadonlyMap<string, ResolvedSecret>,
): Record<string, ResolvedSecret> {
  const secrets: Record<string, ResolvedSecret> = { ...environment };
  for (const [key, secret] of outputs) {
    if (!Object.hasOwn(secrets, key)) secrets[key] = secret;
  }
  return secrets;
}

/** The job's bundle sealed to its agent (agreeWithAgent prepared the seal). */
export const sealJobBundle = (agent: PreparedRunSeal, bundle: JobBundle) =>
  sealJson(agent, bundle, jobBundleAad(bundle.runId, bundle.jobId));

/** The keys one scope supplied, and its backend. */
export interface ScopeSource {
  readonly backend: string;
  readonly keys: string[];
}

/**
 * Where the job's secrets came from, without values, for the dispatcher's logs: per scope
 * (an environment's or `<runId>/<jobId>` for outputs), its backend and keys, sorted.
 */
export function sourcesOf(secrets: Readonly<Record<string, ResolvedSecret>>) {
  const sources: Record<string, ScopeSource> = {};
  for (const key of Object.keys(secrets).sort()) {
    const { backend, scope } = secrets[key] as ResolvedSecret;
    sources[scope] ??= { backend, keys: [] };
    sources[scope].keys.push(key);
  }
  return sources;
}
