/**
 * `@kici/crypto/node`: node:crypto-backed implementations that write and read exactly the
 * same bytes as the portable ones (AES-NI for the keyring, native X25519 for run keys), and
 * the helpers that read master keys from the environment and files.
 * @module
 */

export { DecryptError, MasterKeyError } from '../errors.js';
export type { Keyring, KeyringOptions, OpenResult } from '../keyring.js';
export type { PreparedRunSeal, RunKeyPair } from '../run-keys.js';
export {
  type Env,
  KEY_NOT_FOUND_MESSAGE,
  KeyConfigError,
  type KeyConfigErrorCode,
  type LoadKeyringOptions,
  loadKeyringFromEnv,
} from './env.js';
export { createKeyring } from './keyring.js';
export { generateRunKeyPair, openForRun, prepareSealForRun, sealForRun } from './run-keys.js';
