/**
 * The `gsm` backend kind (Google Secret Manager) for core's backend registry: it checks a
 * config with `validateGsmConfig`, builds the live client and says what may be shown of a
 * config (project, endpoint, the service account's e-mail: never its private key).
 */
import { type BackendType, maskUrl } from '@kici/core';
import { createGsmBackend } from './backend.js';
import { type ResolvedGsmConfig, validateGsmConfig } from './config.js';
import { parseSecretPath } from './paths.js';

/** `log` hears the backend's warnings (skipped names) besides the registry. */
export function gsmBackendType(log: (line: string) => void): BackendType {
  return {
    // The registered name wins over any `name` inside the config.
    validate: (name, config) =>
      validateGsmConfig({ ...(config as object), name }) as unknown as Record<string, unknown>,
    create: (config, hooks) =>
      createGsmBackend(config as unknown as ResolvedGsmConfig, {
        logger: {
          warn: (message: string) => {
            hooks.warn(message);
            log(message);
          },
        },
      }),
    summarize: (config) => {
      const c = config as unknown as ResolvedGsmConfig;
      return {
        project: c.project,
        endpoint: maskUrl(c.endpoint),
        clientEmail: c.credentials.client_email,
      };
    },
    // A read answers `{ [secretId]: payload }`: a link reads the secret id's key.
    linkKey: (path) => {
      const project = path.split('/')[1] ?? '';
      const ref = parseSecretPath(path, project);
      return 'problem' in ref ? undefined : ref.secretId;
    },
  };
}
