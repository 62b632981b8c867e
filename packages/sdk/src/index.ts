/**
 * `@kici/sdk`: the agent side of KiCI Secrets. Opens a job's secret bundle sealed to the
 * agent's ephemeral key, sets secret outputs for the jobs that need this one (sealed to the
 * run's key), masks secret values in logs, and seals a developer's local values for test
 * runs. Imports no `node:` module: runs in Node, browsers, Deno, Bun and edge workers.
 * @module
 */
export { JOB_OUTPUT_BACKEND } from '@kici/contracts/vocabulary';
export { BundleError, SecretOutputError } from './errors.js';
export {
  createJobContext,
  type JobContext,
  type JobContextOptions,
  type SecretOutput,
} from './job-context.js';
export {
  type JobDispatch,
  type JobSecrets,
  type OpenOptions,
  openJobSecrets,
} from './job-secrets.js';
export { type AgentKey, type AgentKeyInput, generateAgentKey } from './keys.js';
export { MIN_MASKED_LENGTH, maskForms } from './masker/forms.js';
export { createMasker, MASK, type Masker, type MaskStream } from './masker/masker.js';
export { DEFAULT_RETRY, RETRIED_STATUSES, type RetryOptions } from './retry.js';
export {
  openTestRunBundle,
  sealTestRunValues,
  type TestRunContext,
  type TestRunSecrets,
  type TestRunValues,
} from './test-runs.js';
export type {
  SecretMeta,
  SecretsView,
  ValuesView,
  VariableMeta,
  VariablesView,
} from './views.js';
