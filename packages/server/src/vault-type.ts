import type { BackendType } from '@kici/core';
import { maskUrl } from '@kici/core';
import {
  createVaultBackend,
  type ResolvedVaultConfig,
  validateVaultConfig,
} from '@kici/store-vault';

/** The `vault` backend kind (HashiCorp Vault / OpenBao KV v2) for the core registry. */
export function vaultBackendType(log: (line: string) => void): BackendType {
  return {
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
