/**
 * The orchestrator-level Vault backend from KICI_VAULT_* variables (the product's "Vault
 * backend configuration" table). Errors name the variable, never its value.
 */
import { type FieldLabels, type ResolvedVaultConfig, resolveVaultConfig } from './config.js';

/** The name of the backend configured through the environment (scopes `vault:path`). */
export const ENV_BACKEND_NAME = 'vault';

const VARIABLES: FieldLabels = {
  name: 'name',
  url: 'KICI_VAULT_URL',
  authMethod: 'KICI_VAULT_AUTH_METHOD',
  token: 'KICI_VAULT_TOKEN',
  roleId: 'KICI_VAULT_ROLE_ID',
  secretId: 'KICI_VAULT_SECRET_ID',
  namespace: 'KICI_VAULT_NAMESPACE',
  mountPath: 'KICI_VAULT_MOUNT_PATH',
  basePath: 'KICI_VAULT_BASE_PATH',
  caCert: 'caCert',
  timeoutMs: 'timeoutMs',
};

/**
 * Reads KICI_VAULT_URL, KICI_VAULT_AUTH_METHOD, KICI_VAULT_TOKEN, KICI_VAULT_ROLE_ID,
 * KICI_VAULT_SECRET_ID, KICI_VAULT_NAMESPACE, KICI_VAULT_MOUNT_PATH and KICI_VAULT_BASE_PATH.
 * An empty variable counts as unset.
 * @returns the configuration, or undefined when KICI_VAULT_URL is unset (no Vault backend).
 * @throws {KiciError} `invalid_input` naming the missing or invalid variable.
 */
export function parseVaultEnv(
  env: Record<string, string | undefined>,
): ResolvedVaultConfig | undefined {
  const read = (field: keyof typeof VARIABLES) => {
    const value = env[VARIABLES[field]]?.trim();
    return value ? { [field]: value } : {};
  };
  if (!read('url').url) return undefined;
  return resolveVaultConfig(
    {
      name: ENV_BACKEND_NAME,
      ...read('url'),
      ...read('authMethod'),
      ...read('token'),
      ...read('roleId'),
      ...read('secretId'),
      ...read('namespace'),
      ...read('mountPath'),
      ...read('basePath'),
    },
    VARIABLES,
  );
}
