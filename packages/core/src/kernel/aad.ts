import { encodeAad } from '@kici/crypto';

/**
 * The AAD of every envelope sealed with the master key outside the secrets table (secrets use
 * @kici/crypto's secretAad): the domain that seals a row and key rotation, which re-seals it,
 * both bind the same fields, so rows cannot be swapped.
 */

/** A config version: the key and the version. */
export const configAad = (key: string, version: number) =>
  encodeAad('kici/config/v1', [key, String(version)]);

/** A registered backend's config (credentials included): its name. */
export const backendConfigAad = (name: string) => encodeAad('kici/backend-config/v1', [name]);

/** A test run's private key: the org and the run id. */
export const runKeyAad = (orgId: string, runId: string) =>
  encodeAad('kici/run-key/v1', [orgId, runId]);

/** A cross-job secret output: the org, `<runId>/<jobId>` and the output's key. */
export const runOutputAad = (orgId: string, scope: string, key: string) =>
  encodeAad('kici/run-output/v1', [orgId, scope, key]);
