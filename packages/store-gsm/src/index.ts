/**
 * `@kici/store-gsm`: a read-only secrets backend over Google Secret Manager's v1 REST API
 * (service-account credentials exchanged for an access token), implementing `@kici/core`'s
 * SecretBackend port, and the `gsm` kind of core's backend registry (`gsmBackendType`).
 * @module
 */
export { createGsmBackend, type GsmBackend, type GsmBackendOptions } from './backend.js';
export { gsmBackendType } from './backend-type.js';
export {
  DEFAULT_ENDPOINT,
  DEFAULT_TIMEOUT_MS,
  type GsmBackendConfig,
  type ResolvedGsmConfig,
  validateGsmConfig,
} from './config.js';
export { crc32c } from './crc32c.js';
export { parseSecretPath, type SecretRef } from './paths.js';
