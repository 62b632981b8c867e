/**
 * A Vault backend's configuration: `validateVaultConfig` checks one that comes from the admin
 * API (a registered backend) or from code with the one schema `@kici/contracts` defines, then
 * fills in the defaults. Errors name the field and what was expected, never the value.
 */
import {
  namedVaultConfigSchema,
  VAULT_DEFAULT_BASE_PATH,
  VAULT_DEFAULT_MOUNT_PATH,
  VAULT_DEFAULT_TIMEOUT_MS,
  VAULT_FIELD_NAMES,
  type VaultAuthMethod,
  type VaultFieldLabels,
} from '@kici/contracts';
import { invalidInput } from '@kici/core';
import * as v from 'valibot';

export type { VaultAuthMethod };

export interface VaultBackendConfig {
  /** The registered backend name; every error names it. */
  readonly name: string;
  /** The Vault address, e.g. `https://vault.example.com:8200` (without `/v1`). */
  readonly url: string;
  readonly authMethod: VaultAuthMethod;
  /** With `token` auth. */
  readonly token?: string;
  /** With `approle` auth. */
  readonly roleId?: string;
  readonly secretId?: string;
  /** Sent as `X-Vault-Namespace` (Vault Enterprise, OpenBao 2.3+). */
  readonly namespace?: string;
  /** The KV v2 mount. Default `secret`. */
  readonly mountPath?: string;
  /** Where KiCI's scopes live inside the mount. Default `kici/secrets`; `''` is the mount's root. */
  readonly basePath?: string;
  /** PEM certificate(s) to trust for an https `url`, besides the system's. */
  readonly caCert?: string;
  /** Deadline of every request to Vault, in milliseconds. Default 5000. */
  readonly timeoutMs?: number;
}

/** A checked configuration with its defaults filled in. */
export type ResolvedVaultConfig = Required<
  Pick<VaultBackendConfig, 'mountPath' | 'basePath' | 'timeoutMs'>
> &
  Omit<VaultBackendConfig, 'mountPath' | 'basePath' | 'timeoutMs'>;

export const DEFAULT_MOUNT_PATH = VAULT_DEFAULT_MOUNT_PATH;
export const DEFAULT_BASE_PATH = VAULT_DEFAULT_BASE_PATH;
export const DEFAULT_TIMEOUT_MS = VAULT_DEFAULT_TIMEOUT_MS;

/** How a field is named in messages: `url` for the admin API, `KICI_VAULT_URL` for the environment. */
export type FieldLabels = VaultFieldLabels;

// Built once per set of labels (the admin API's and the environment's).
const schemas = new Map<FieldLabels, ReturnType<typeof namedVaultConfigSchema>>();
function schemaFor(label: FieldLabels) {
  let schema = schemas.get(label);
  if (schema === undefined) {
    schema = namedVaultConfigSchema(label);
    schemas.set(label, schema);
  }
  return schema;
}

/**
 * Checks a configuration (from the admin API or from code) and fills in defaults.
 * @throws {KiciError} `invalid_input`, naming the field and what was expected (never the value).
 */
export const validateVaultConfig = (input: unknown): ResolvedVaultConfig =>
  resolveVaultConfig(input, VAULT_FIELD_NAMES);

/** validateVaultConfig with fields named by `label` (parseVaultEnv names the variables). */
export function resolveVaultConfig(input: unknown, label: FieldLabels): ResolvedVaultConfig {
  const result = v.safeParse(schemaFor(label), input);
  if (!result.success) {
    const message =
      result.issues[0]?.message ?? `${label.name}: expected a Vault backend configuration`;
    const field = message.slice(0, message.indexOf(':'));
    throw invalidInput(field, message.slice(field.length + 2));
  }
  const config = result.output;
  // Only the credentials of the auth method are kept; an empty namespace is none.
  const optional = <K extends 'token' | 'roleId' | 'secretId' | 'namespace' | 'caCert'>(key: K) =>
    config[key] ? ({ [key]: config[key] } as { [P in K]: string }) : {};
  return {
    name: config.name,
    url: config.url,
    authMethod: config.authMethod,
    mountPath: config.mountPath ?? DEFAULT_MOUNT_PATH,
    basePath: config.basePath ?? DEFAULT_BASE_PATH,
    timeoutMs: config.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    ...(config.authMethod === 'token'
      ? optional('token')
      : { ...optional('roleId'), ...optional('secretId') }),
    ...optional('namespace'),
    ...optional('caCert'),
  };
}
