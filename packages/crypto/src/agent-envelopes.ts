import { encodeAad } from './aad.js';

/**
 * The AADs of the envelopes that travel between the orchestrator and its agents, all sealed
 * with `sealForRun` (X25519 → HKDF-SHA256 → AES-256-GCM). Each binds where the envelope
 * belongs, so an envelope moved to another run, job, key or context fails to open. Both
 * sides build them from here: the orchestrator (@kici/core) and the agent (@kici/sdk).
 * Encoding: `encodeAad(domain, parts)`, every part a 4-byte big-endian length + UTF-8.
 */

/** A job's secret bundle, sealed to the agent's ephemeral public key at dispatch. */
export const JOB_BUNDLE_DOMAIN = 'kici/job-bundle/v1';
/** One secret output (`ctx.setSecretOutput`), sealed to the run's public key by the agent. */
export const JOB_OUTPUT_DOMAIN = 'kici/job-output/v1';
/** A test run's local values for one secret context, sealed to the run's public key. */
export const TEST_RUN_LOCAL_DOMAIN = 'kici/test-run-local/v1';
/** A test run's resolved contexts, sealed to the agent's ephemeral public key. */
export const TEST_RUN_BUNDLE_DOMAIN = 'kici/test-run-bundle/v1';

export const jobBundleAad = (runId: string, jobId: string): Uint8Array =>
  encodeAad(JOB_BUNDLE_DOMAIN, [runId, jobId]);

export const jobOutputAad = (runId: string, jobId: string, key: string): Uint8Array =>
  encodeAad(JOB_OUTPUT_DOMAIN, [runId, jobId, key]);

export const testRunLocalAad = (orgId: string, runId: string, context: string): Uint8Array =>
  encodeAad(TEST_RUN_LOCAL_DOMAIN, [orgId, runId, context]);

export const testRunBundleAad = (runId: string): Uint8Array =>
  encodeAad(TEST_RUN_BUNDLE_DOMAIN, [runId]);
