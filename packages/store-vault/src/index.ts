/**
 * `@kici/store-vault`: a read-only secrets backend over HashiCorp Vault / OpenBao KV v2,
 * through hashi-vault-js, implementing `@kici/core`'s SecretBackend port, and the `vault`
 * kind of core's backend registry (`vaultBackendType`).
 * @module
 */
export { createVaultBackend, type VaultBackend, type VaultBackendOptions } from './backend.js';
export { vaultBackendType } from './backend-type.js';
export {
  DEFAULT_BASE_PATH,
  DEFAULT_MOUNT_PATH,
  DEFAULT_TIMEOUT_MS,
  type ResolvedVaultConfig,
  type VaultAuthMethod,
  type VaultBackendConfig,
  validateVaultConfig,
} from './config.js';
export { ENV_BACKEND_NAME, parseVaultEnv } from './env.js';
