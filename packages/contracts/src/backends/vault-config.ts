/**
 * A Vault (or OpenBao) backend's configuration, written once: the admin API's `config` of a
 * `vault` backend, `kici-admin backend add` before it sends one, and `@kici/store-vault`
 * (which fills in the defaults below) all parse with these schemas. Every message reads
 * `<field>: <what was expected>` and never repeats the value; the field is named by a label,
 * so the same rules can speak of `KICI_VAULT_URL` when the config comes from the environment.
 */
import * as v from 'valibot';
import { checkVaultPath } from './vault-path.js';

export const VAULT_AUTH_METHODS = ['token', 'approle'] as const;
export type VaultAuthMethod = (typeof VAULT_AUTH_METHODS)[number];

export const VAULT_DEFAULT_MOUNT_PATH = 'secret';
export const VAULT_DEFAULT_BASE_PATH = 'kici/secrets';
export const VAULT_DEFAULT_TIMEOUT_MS = 5000;
export const VAULT_MIN_TIMEOUT_MS = 100;
export const VAULT_MAX_TIMEOUT_MS = 120_000;
export const VAULT_MAX_CREDENTIAL_LENGTH = 4096;

export type VaultConfigField =
  | 'name'
  | 'url'
  | 'authMethod'
  | 'token'
  | 'roleId'
  | 'secretId'
  | 'namespace'
  | 'mountPath'
  | 'basePath'
  | 'caCert'
  | 'timeoutMs';

/** How each field is named in messages: `url` for the admin API, `KICI_VAULT_URL` for the environment. */
export type VaultFieldLabels = Readonly<Record<VaultConfigField, string>>;

export const VAULT_FIELD_NAMES: VaultFieldLabels = {
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
const PEM = '-----BEGIN CERTIFICATE-----';

/** What a missing required field is told. */
const REQUIRED: Partial<Record<VaultConfigField, string>> = {
  name: 'expected a backend name',
  url: 'expected an http:// or https:// URL',
  authMethod: 'expected token or approle',
};

/** An http(s) URL without credentials, query or fragment (they would leak into logs). */
export function isVaultUrl(value: string): boolean {
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

type Say = (field: VaultConfigField, expected: string) => string;

function entries(say: Say) {
  const credential = (field: 'token' | 'roleId' | 'secretId') =>
    v.optional(
      v.pipe(
        v.string(say(field, 'expected a string')),
        v.regex(CREDENTIAL, say(field, 'expected printable ASCII without spaces')),
        v.maxLength(
          VAULT_MAX_CREDENTIAL_LENGTH,
          say(field, `expected at most ${VAULT_MAX_CREDENTIAL_LENGTH} characters`),
        ),
      ),
    );
  // Slashes at either end are dropped: `/kv/` is the mount `kv`.
  const vaultPath = (field: 'namespace' | 'mountPath' | 'basePath', allowEmpty: boolean) =>
    v.optional(
      v.pipe(
        v.string(say(field, 'expected a string')),
        v.transform((path) => path.replace(/^\/+|\/+$/g, '')),
        v.rawCheck(({ dataset, addIssue }) => {
          if (!dataset.typed) return;
          const checked = checkVaultPath(dataset.value, allowEmpty);
          if ('problem' in checked)
            addIssue({ message: say(field, `invalid path: ${checked.problem}`) });
        }),
      ),
    );
  const timeout = say(
    'timeoutMs',
    `expected an integer from ${VAULT_MIN_TIMEOUT_MS} to ${VAULT_MAX_TIMEOUT_MS}`,
  );
  return {
    url: v.pipe(
      v.string(say('url', REQUIRED.url as string)),
      v.check(
        isVaultUrl,
        say('url', 'expected an http:// or https:// URL without credentials, query or fragment'),
      ),
      v.transform((url) => url.replace(/\/+$/, '')),
    ),
    authMethod: v.picklist(VAULT_AUTH_METHODS, say('authMethod', REQUIRED.authMethod as string)),
    token: credential('token'),
    roleId: credential('roleId'),
    secretId: credential('secretId'),
    /** Sent as `X-Vault-Namespace` (Vault Enterprise, OpenBao 2.3+); `''` is none. */
    namespace: vaultPath('namespace', true),
    /** The KV v2 mount; `VAULT_DEFAULT_MOUNT_PATH` when absent. */
    mountPath: vaultPath('mountPath', false),
    /** Where KiCI's scopes live inside the mount; `''` is the mount's root. */
    basePath: vaultPath('basePath', true),
    /** PEM certificate(s) to trust for an https `url`, besides the system's. */
    caCert: v.optional(
      v.pipe(
        v.string(say('caCert', 'expected PEM certificates')),
        v.includes(PEM, say('caCert', 'expected PEM certificates')),
      ),
    ),
    /** Deadline of every request to Vault, in milliseconds. */
    timeoutMs: v.optional(
      v.pipe(
        v.number(timeout),
        v.integer(timeout),
        v.minValue(VAULT_MIN_TIMEOUT_MS, timeout),
        v.maxValue(VAULT_MAX_TIMEOUT_MS, timeout),
      ),
    ),
  };
}

/** The object's own message: an unknown field, a missing required one, or not an object. */
const objectMessage =
  (say: Say) =>
  (issue: v.BaseIssue<unknown>): string => {
    const key = issue.path?.[0]?.key;
    if (issue.expected === 'never') return `${String(key)}: unknown field`;
    const required = typeof key === 'string' ? REQUIRED[key as VaultConfigField] : undefined;
    if (required !== undefined) return say(key as VaultConfigField, required);
    return 'config: expected an object';
  };

interface Combined extends Record<string, unknown> {
  readonly url: string;
  readonly authMethod: VaultAuthMethod;
  readonly token?: string | undefined;
  readonly roleId?: string | undefined;
  readonly secretId?: string | undefined;
  readonly caCert?: string | undefined;
}

/**
 * Rules across fields, checked once every field is fine; each issue names its field (the
 * paths are cast: valibot cannot prove a key of the generic T).
 */
function rules<T extends Combined>(label: VaultFieldLabels, say: Say) {
  const requiredWith = (method: VaultAuthMethod, field: 'token' | 'roleId' | 'secretId') =>
    v.forward<T, v.CheckIssue<T>, ['token' | 'roleId' | 'secretId']>(
      v.check(
        (config: T) => config.authMethod !== method || Boolean(config[field]),
        say(field, `required when ${label.authMethod} is ${method}`),
      ),
      [field] as never,
    );
  return [
    requiredWith('token', 'token'),
    requiredWith('approle', 'roleId'),
    requiredWith('approle', 'secretId'),
    v.forward<T, v.CheckIssue<T>, ['caCert']>(
      v.check(
        (config: T) => config.caCert === undefined || config.url.startsWith('https://'),
        say('caCert', `only applies to an https:// ${label.url}`),
      ),
      ['caCert'] as never,
    ),
  ] as const;
}

const sayWith =
  (label: VaultFieldLabels): Say =>
  (field, expected) =>
    `${label[field]}: ${expected}`;

/** A config without its name: the admin API's `config` of a `vault` backend. */
export function vaultConfigSchema(label: VaultFieldLabels = VAULT_FIELD_NAMES) {
  const say = sayWith(label);
  const object = v.strictObject(entries(say), objectMessage(say));
  return v.pipe(object, ...rules<v.InferOutput<typeof object>>(label, say));
}

/** A config with the backend's name (what `@kici/store-vault` is given). */
export function namedVaultConfigSchema(label: VaultFieldLabels = VAULT_FIELD_NAMES) {
  const say = sayWith(label);
  const name = v.pipe(
    v.string(say('name', REQUIRED.name as string)),
    v.regex(
      NAME,
      say(
        'name',
        "expected 1 to 63 letters, digits, '.', '_' or '-', starting with a letter or digit",
      ),
    ),
  );
  const object = v.strictObject({ name, ...entries(say) }, objectMessage(say));
  return v.pipe(object, ...rules<v.InferOutput<typeof object>>(label, say));
}

/** The admin API's `config` of a `vault` backend, fields named as they are in the body. */
export const VaultConfigSchema = vaultConfigSchema();
export type VaultConfigInput = v.InferInput<typeof VaultConfigSchema>;
export type VaultConfig = v.InferOutput<typeof VaultConfigSchema>;
