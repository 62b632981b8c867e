/**
 * The `vault` backend kind (HashiCorp Vault / OpenBao KV v2) for core's backend registry: it
 * checks a config with `validateVaultConfig`, builds the live client and says what may be
 * shown of a config (the URL masked, never a credential).
 */
import { type BackendType, maskUrl } from '@kici/core';
import { createVaultBackend } from './backend.js';
import { type ResolvedVaultConfig, validateVaultConfig } from './config.js';

/** `log` hears the backend's warnings (re-logins, skipped names) besides the registry. */
export function vaultBackendType(log: (line: string) => void): BackendType {
  return {
    // The registered name wins over any `name` inside the config.
    validate: (name, config) =>
      validateVaultConfig({ ...(config as object), name }) as unknown as Record<string, unknown>,
    create: (config, hooks) =>
      createVaultBackend(config as unknown as ResolvedVaultConfig, {
        logger: {
          warn: (message: string) => {
            hooks.warn(message);
            log(message);
          },
        },
      }),
    summarize: (config) => {
      const c = config as unknown as ResolvedVaultConfig;
      return {
        url: maskUrl(c.url),
        authMethod: c.authMethod,
        ...(c.namespace ? { namespace: c.namespace } : {}),
        mountPath: c.mountPath,
        basePath: c.basePath,
      };
    },
  };
}
