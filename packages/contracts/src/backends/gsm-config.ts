/**
 * A Google Secret Manager backend's configuration, written once: the admin API's `config` of
 * a `gsm` backend, `kici-admin backend add --type gsm` before it sends one, and
 * `@kici/store-gsm` (which fills in the defaults below) all parse with these schemas. Every
 * message reads `<field>: <what was expected>` and never repeats the value: the private key
 * is a credential, and even a wrong one must not reach a log.
 */
import * as v from 'valibot';

export const GSM_DEFAULT_ENDPOINT = 'https://secretmanager.googleapis.com';
export const GSM_DEFAULT_TOKEN_URI = 'https://oauth2.googleapis.com/token';
export const GSM_DEFAULT_TIMEOUT_MS = 5000;
export const GSM_MIN_TIMEOUT_MS = 100;
export const GSM_MAX_TIMEOUT_MS = 120_000;
/** A 4096-bit RSA key in PEM is about 3.3 kB; anything far larger is not a key file. */
export const GSM_MAX_PRIVATE_KEY_LENGTH = 16_384;

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;
// A project id (6-30 lowercase letters, digits, hyphens) or a project number.
const PROJECT = /^([a-z][a-z0-9-]{4,28}[a-z0-9]|[0-9]{1,20})$/;
const EMAIL = /^[^\s@]{1,128}@[A-Za-z0-9.-]{1,253}$/;
const KEY_ID = /^[\x21-\x7e]{1,200}$/;
const PEM_CERT = '-----BEGIN CERTIFICATE-----';
const PEM_KEY = /-----BEGIN (RSA )?PRIVATE KEY-----/;

/** An http(s) URL without credentials, query or fragment (they would leak into logs). */
export function isGsmUrl(value: string): boolean {
  if (!URL.canParse(value) || value.includes('?') || value.includes('#')) return false;
  const url = new URL(value);
  return (
    (url.protocol === 'http:' || url.protocol === 'https:') &&
    url.username === '' &&
    url.password === ''
  );
}

const say = (field: string, expected: string) => `${field}: ${expected}`;

const text = (field: string, expected: string, pattern: RegExp) =>
  v.pipe(v.string(say(field, expected)), v.regex(pattern, say(field, expected)));

const url = (field: string) =>
  v.pipe(
    v.string(say(field, 'expected an http:// or https:// URL')),
    v.check(
      isGsmUrl,
      say(field, 'expected an http:// or https:// URL without credentials, query or fragment'),
    ),
    v.transform((value) => value.replace(/\/+$/, '')),
  );

/** The object's own message: an unknown field, a missing required one, or not an object. */
const objectMessage =
  (prefix: string, required: Readonly<Record<string, string>>, what: string) =>
  (issue: v.BaseIssue<unknown>): string => {
    const key = issue.path?.at(-1)?.key;
    if (issue.expected === 'never') return `${prefix}${String(key)}: unknown field`;
    if (typeof key === 'string' && required[key] !== undefined) {
      return say(`${prefix}${key}`, required[key]);
    }
    return what;
  };

const CREDENTIAL_REQUIRED: Readonly<Record<string, string>> = {
  type: 'expected "service_account"',
  client_email: 'expected the service account e-mail address',
  private_key: 'expected an RSA private key in PEM',
  private_key_id: 'expected the key id',
};

/**
 * The service-account key file as Google issues it: the fields a token needs are checked,
 * the others (project_id, client_id, auth_uri, …) accepted and dropped. `token_uri` is
 * Google's when absent.
 */
const KeyFileSchema = v.pipe(
  v.looseObject(
    {
      type: v.literal('service_account', say('credentials.type', CREDENTIAL_REQUIRED.type ?? '')),
      client_email: text('credentials.client_email', CREDENTIAL_REQUIRED.client_email ?? '', EMAIL),
      private_key: v.pipe(
        v.string(say('credentials.private_key', 'expected an RSA private key in PEM')),
        v.regex(PEM_KEY, say('credentials.private_key', 'expected an RSA private key in PEM')),
        v.maxLength(
          GSM_MAX_PRIVATE_KEY_LENGTH,
          say(
            'credentials.private_key',
            `expected at most ${GSM_MAX_PRIVATE_KEY_LENGTH} characters`,
          ),
        ),
      ),
      private_key_id: text('credentials.private_key_id', 'expected the key id', KEY_ID),
      token_uri: v.optional(url('credentials.token_uri')),
    },
    objectMessage(
      'credentials.',
      CREDENTIAL_REQUIRED,
      'credentials: expected the service-account key JSON',
    ),
  ),
  v.transform((key) => ({
    type: key.type,
    client_email: key.client_email,
    private_key: key.private_key,
    private_key_id: key.private_key_id,
    token_uri: key.token_uri ?? GSM_DEFAULT_TOKEN_URI,
  })),
);

/** The key file as an object, or as its JSON text (what a file holds). */
const CredentialsSchema = v.pipe(
  v.unknown(),
  v.rawTransform(({ dataset, addIssue, NEVER }) => {
    const value = dataset.value;
    if (typeof value !== 'string') return value;
    try {
      return JSON.parse(value) as unknown;
    } catch {
      addIssue({ message: 'credentials: expected the service-account key JSON' });
      return NEVER;
    }
  }),
  KeyFileSchema,
);

const REQUIRED: Readonly<Record<string, string>> = {
  name: 'expected a backend name',
  project: 'expected a Google Cloud project id, e.g. my-project',
  credentials: 'expected the service-account key JSON',
};

const timeout = say(
  'timeoutMs',
  `expected an integer from ${GSM_MIN_TIMEOUT_MS} to ${GSM_MAX_TIMEOUT_MS}`,
);

const entries = {
  project: text(
    'project',
    'expected a Google Cloud project id (6-30 lowercase letters, digits or "-") or number',
    PROJECT,
  ),
  credentials: CredentialsSchema,
  /** The API root, `GSM_DEFAULT_ENDPOINT` when absent (a regional endpoint, a test server). */
  endpoint: v.optional(url('endpoint')),
  /** Where the signed assertion is exchanged, instead of the key file's `token_uri`. */
  tokenUri: v.optional(url('tokenUri')),
  /** PEM certificate(s) to trust for https, besides the system's. */
  caCert: v.optional(
    v.pipe(
      v.string(say('caCert', 'expected PEM certificates')),
      v.includes(PEM_CERT, say('caCert', 'expected PEM certificates')),
    ),
  ),
  /** Deadline of every request (token exchange included), in milliseconds. */
  timeoutMs: v.optional(
    v.pipe(
      v.number(timeout),
      v.integer(timeout),
      v.minValue(GSM_MIN_TIMEOUT_MS, timeout),
      v.maxValue(GSM_MAX_TIMEOUT_MS, timeout),
    ),
  ),
};

const configMessage = objectMessage('', REQUIRED, 'config: expected an object');

/** A config without its name: the admin API's `config` of a `gsm` backend. */
export const GsmConfigSchema = v.strictObject(entries, configMessage);

/** A config with the backend's name (what `@kici/store-gsm` is given). */
export const NamedGsmConfigSchema = v.strictObject(
  {
    name: text(
      'name',
      "expected 1 to 63 letters, digits, '.', '_' or '-', starting with a letter or digit",
      NAME,
    ),
    ...entries,
  },
  configMessage,
);

export type GsmConfigInput = v.InferInput<typeof GsmConfigSchema>;
export type GsmConfig = v.InferOutput<typeof GsmConfigSchema>;
/** The key file's fields a token needs, as checked (extra fields dropped). */
export type GsmServiceAccountKey = GsmConfig['credentials'];
