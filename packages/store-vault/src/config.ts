/**
 * A Vault backend's configuration: `validateVaultConfig` checks one that comes from the admin
 * API (a registered backend) or from code, with errors naming the field and what was expected,
 * never the value; defaults are filled in.
 */
import { invalidInput } from '@kici/core';
import * as v from 'valibot';
import { checkPath } from './paths.js';

export type VaultAuthMethod = 'token' | 'approle';

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

export const DEFAULT_MOUNT_PATH = 'secret';
export const DEFAULT_BASE_PATH = 'kici/secrets';
export const DEFAULT_TIMEOUT_MS = 5000;
export const MIN_TIMEOUT_MS = 100;
export const MAX_TIMEOUT_MS = 120_000;

/** How a field is named in messages: `url` for the admin API, `KICI_VAULT_URL` for the environment. */
export type FieldLabels = Record<keyof VaultBackendConfig, string>;

const PLAIN_FIELDS: FieldLabels = {
  name: 'name',
  url: 'url',
  authMethod: 'authMethod',
  token: 'token',
  roleId: 'roleId',
  secretId: 'secretId',
  namespace: 'namespace',
  mountPath: 'mountPath',
  basePath: 'basePath',
  caCert: 'caCert',
  timeoutMs: 'timeoutMs',
};

// Printable ASCII without spaces: what an HTTP header value (X-Vault-Token) can carry safely.
const CREDENTIAL = /^[\x21-\x7e]+$/;
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;

const REQUIRED = {
  name: 'expected a backend name',
  url: 'expected an http:// or https:// URL',
  authMethod: 'expected token or approle',
} as const;

function schema(label: FieldLabels) {
  const say = (field: keyof VaultBackendConfig, expected: string) => `${label[field]}: ${expected}`;
  const credential = (field: 'token' | 'roleId' | 'secretId') =>
    v.optional(
      v.pipe(
        v.string(say(field, 'expected a string')),
        v.regex(CREDENTIAL, say(field, 'expected printable ASCII without spaces')),
        v.maxLength(4096, say(field, 'expected at most 4096 characters')),
      ),
    );
  const vaultPath = (field: 'namespace' | 'mountPath' | 'basePath', allowEmpty: boolean) =>
    v.pipe(
      v.string(say(field, 'expected a string')),
      v.transform((path) => path.replace(/^\/+|\/+$/g, '')),
      v.rawCheck(({ dataset, addIssue }) => {
        if (!dataset.typed) return;
        const checked = checkPath(dataset.value, allowEmpty);
        if ('problem' in checked)
          addIssue({ message: say(field, `invalid path: ${checked.problem}`) });
      }),
    );
  return v.strictObject(
    {
      name: v.pipe(
        v.string(say('name', REQUIRED.name)),
        v.regex(
          NAME,
          say(
            'name',
            "expected 1 to 63 letters, digits, '.', '_' or '-', starting with a letter or digit",
          ),
        ),
      ),
      url: v.pipe(
        v.string(say('url', REQUIRED.url)),
        v.check(
          isVaultUrl,
          say('url', 'expected an http:// or https:// URL without credentials, query or fragment'),
        ),
        v.transform((url) => url.replace(/\/+$/, '')),
      ),
      authMethod: v.picklist(['token', 'approle'], say('authMethod', REQUIRED.authMethod)),
      token: credential('token'),
      roleId: credential('roleId'),
      secretId: credential('secretId'),
      namespace: v.optional(vaultPath('namespace', true)),
      mountPath: v.optional(vaultPath('mountPath', false), DEFAULT_MOUNT_PATH),
      basePath: v.optional(vaultPath('basePath', true), DEFAULT_BASE_PATH),
      caCert: v.optional(
        v.pipe(
          v.string(say('caCert', 'expected PEM certificates')),
          v.includes('-----BEGIN CERTIFICATE-----', say('caCert', 'expected PEM certificates')),
        ),
      ),
      timeoutMs: v.optional(
        v.pipe(
          v.number(
            say('timeoutMs', `expected an integer from ${MIN_TIMEOUT_MS} to ${MAX_TIMEOUT_MS}`),
          ),
          v.integer(
            say('timeoutMs', `expected an integer from ${MIN_TIMEOUT_MS} to ${MAX_TIMEOUT_MS}`),
          ),
          v.minValue(
            MIN_TIMEOUT_MS,
            say('timeoutMs', `expected an integer from ${MIN_TIMEOUT_MS} to ${MAX_TIMEOUT_MS}`),
          ),
          v.maxValue(
            MAX_TIMEOUT_MS,
            say('timeoutMs', `expected an integer from ${MIN_TIMEOUT_MS} to ${MAX_TIMEOUT_MS}`),
          ),
        ),
        DEFAULT_TIMEOUT_MS,
      ),
    },
    (issue) => {
      const key = issue.path?.[0]?.key;
      if (issue.expected === 'never') return `${String(key)}: unknown field`;
      // A missing required field.
      if (typeof key === 'string' && key in REQUIRED)
        return say(key as keyof typeof REQUIRED, REQUIRED[key as keyof typeof REQUIRED]);
      return 'config: expected an object';
    },
  );
}

function isVaultUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return (
    (url.protocol === 'http:' || url.protocol === 'https:') &&
    url.username === '' &&
    url.password === '' &&
    url.search === '' &&
    url.hash === '' &&
    !value.includes('?') &&
    !value.includes('#')
  );
}

/** The field (label) an issue is about, for KiciError's `field`. */
const fieldOf = (message: string) => message.slice(0, message.indexOf(':'));

/**
 * Checks a configuration (from the admin API or from code) and fills in defaults.
 * @throws {KiciError} `invalid_input`, naming the field and what was expected (never the value).
 */
export const validateVaultConfig = (input: unknown): ResolvedVaultConfig =>
  resolveVaultConfig(input, PLAIN_FIELDS);

/** validateVaultConfig with fields named by `label` (parseVaultEnv names the variables). */
export function resolveVaultConfig(input: unknown, label: FieldLabels): ResolvedVaultConfig {
  const result = v.safeParse(schema(label), input);
  if (!result.success) {
    const message =
      result.issues[0]?.message ?? `${label.name}: expected a Vault backend configuration`;
    const field = fieldOf(message);
    throw invalidInput(field, message.slice(field.length + 2));
  }
  const config = result.output;
  const required = (field: 'token' | 'roleId' | 'secretId') => {
    if (config[field] === undefined || config[field] === '') {
      throw invalidInput(label[field], `required when ${label.authMethod} is ${config.authMethod}`);
    }
  };
  if (config.authMethod === 'token') required('token');
  else {
    required('roleId');
    required('secretId');
  }
  if (config.caCert !== undefined && !config.url.startsWith('https://')) {
    throw invalidInput(label.caCert, `only applies to an https:// ${label.url}`);
  }
  const optional = <K extends 'token' | 'roleId' | 'secretId' | 'namespace' | 'caCert'>(key: K) =>
    config[key] ? ({ [key]: config[key] } as { [P in K]: string }) : {};
  return {
    name: config.name,
    url: config.url,
    authMethod: config.authMethod,
    mountPath: config.mountPath,
    basePath: config.basePath,
    timeoutMs: config.timeoutMs,
    ...(config.authMethod === 'token'
      ? optional('token')
      : { ...optional('roleId'), ...optional('secretId') }),
    ...optional('namespace'),
    ...optional('caCert'),
  };
}
