import { JobBundleSchema } from '@kici/contracts';
import { jobBundleAad } from '@kici/crypto';
import { openBundle } from './bundle.js';
import { BundleError } from './errors.js';
import type { AgentKeyInput } from './keys.js';
import { createMasker, type Masker } from './masker/masker.js';
import { type SecretsView, type VariablesView, valuesView } from './views.js';

/** What the dispatcher hands the agent from its resolve answer. */
export interface JobDispatch {
  readonly runId: string;
  readonly jobId: string;
  /** The answer's `bundle`: base64, or the envelope's bytes. */
  readonly bundle: string | Uint8Array;
}

/** A job's secrets, opened: `get`, `getMeta`, `keys`, `env`, and its variables. */
export interface JobSecrets extends SecretsView {
  readonly runId: string;
  readonly jobId: string;
  readonly environment: string;
  /** Variables are not secret: kept apart, and not masked. */
  readonly variables: VariablesView;
  /** The masker every secret value was added to. */
  readonly masker: Masker;
}

export interface OpenOptions {
  /** Add the secret values to this masker instead of a new one. */
  readonly masker?: Masker | undefined;
}

/**
 * Opens the job's bundle (sealed to the agent's key with jobBundleAad(runId, jobId)) and
 * registers every secret value with the masker. A wrong key, a changed byte or a bundle of
 * another run or job throws one BundleError.
 */
export function openJobSecrets(
  dispatch: JobDispatch,
  agentKey: AgentKeyInput,
  options: OpenOptions = {},
): JobSecrets {
  const { runId, jobId } = dispatch;
  if (typeof runId !== 'string' || typeof jobId !== 'string') {
    throw new TypeError('dispatch: expected { runId, jobId, bundle } from the resolve answer');
  }
  const bundle = openBundle(
    dispatch.bundle,
    agentKey,
    jobBundleAad(runId, jobId),
    JobBundleSchema,
    'job bundle',
  );
  if (bundle.runId !== runId || bundle.jobId !== jobId) {
    throw new BundleError(`the job bundle names another run or job than ${runId}/${jobId}`);
  }
  const masker = options.masker ?? createMasker();
  for (const meta of Object.values(bundle.secrets)) masker.add(meta.value);
  return Object.freeze({
    ...valuesView(bundle.secrets),
    runId,
    jobId,
    environment: bundle.environment,
    variables: valuesView(bundle.variables),
    masker,
  });
}
