/**
 * `@kici/crypto`: runtime-neutral cryptography for KiCI Secrets, on @noble/ciphers,
 * @noble/curves and @noble/hashes. Imports no `node:` module; `@kici/crypto/node` has
 * byte-compatible node:crypto implementations.
 * @module
 */
export { encodeAad, type SecretLocation, secretAad } from './aad.js';
export {
  ADMIN_TOKEN_PREFIX,
  generateAdminToken,
  generateToken,
  hashAdminToken,
  verifyAdminToken,
} from './admin-token.js';
export {
  JOB_BUNDLE_DOMAIN,
  JOB_OUTPUT_DOMAIN,
  jobBundleAad,
  jobOutputAad,
  TEST_RUN_BUNDLE_DOMAIN,
  TEST_RUN_LOCAL_DOMAIN,
  testRunBundleAad,
  testRunLocalAad,
} from './agent-envelopes.js';
export { DecryptError, MasterKeyError } from './errors.js';
export { fingerprint } from './fingerprint.js';
export {
  createKeyring,
  KEYRING_OVERHEAD,
  type Keyring,
  type KeyringOptions,
  type OpenResult,
} from './keyring.js';
export { MASTER_KEY_BYTES, parseMasterKey } from './master-key.js';
export {
  generateRunKeyPair,
  openForRun,
  type PreparedRunSeal,
  prepareSealForRun,
  RUN_ENVELOPE_FORMAT,
  RUN_ENVELOPE_INFO,
  RUN_ENVELOPE_OVERHEAD,
  RUN_PUBLIC_KEY_BYTES,
  type RunKeyPair,
  sealForRun,
} from './run-keys.js';
export * from './webhooks.js';
