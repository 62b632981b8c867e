import { readFile } from 'node:fs/promises';
import { AddBackendBodySchema, BACKEND_TYPES, type RouteInput } from '@kici/contracts';
import { OperationError, UsageError } from '../../errors.js';
import type { Flags } from '../../flags.js';
import { validate } from '../../validate.js';
import { backendName } from './options.js';

/**
 * `backend add`'s flags, turned into the admin API's body in two steps: `planBackend` checks
 * the command line (no I/O: a usage error names the flag, never a value), `readBackend` then
 * reads what the plan points at (credentials from environment variables, the CA file).
 */

type AddBackendBody = RouteInput<'backends.add', 'body'>;
type AuthMethod = 'token' | 'approle';
type CredentialField = 'token' | 'roleId' | 'secretId';

interface Credential {
  readonly field: CredentialField;
  /** The flag that takes it in argv; `<flag>-env` names an environment variable instead. */
  readonly flag: 'token' | 'role-id' | 'secret-id';
  readonly method: AuthMethod;
}

const CREDENTIALS: readonly Credential[] = [
  { field: 'token', flag: 'token', method: 'token' },
  { field: 'roleId', flag: 'role-id', method: 'approle' },
  { field: 'secretId', flag: 'secret-id', method: 'approle' },
];

type Source =
  | { readonly kind: 'argv'; readonly value: string }
  | { readonly kind: 'env'; readonly name: string };

export interface BackendPlan {
  /** Everything but the credentials and the CA certificate. */
  readonly body: AddBackendBody & { config: Record<string, string | number> };
  readonly credentials: ReadonlyMap<CredentialField, Source>;
  readonly caCertFile?: string;
  /** Credential flags given in argv, for the warning. */
  readonly inArgv: readonly string[];
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
// What an HTTP header value (X-Vault-Token) can carry safely, as the server checks it.
const CREDENTIAL = /^[\x21-\x7e]{1,4096}$/;
const CREDENTIAL_EXPECTED = 'expected printable ASCII without spaces, at most 4096 characters';
// Characters that change a URL's structure or decoding, and control characters.
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing them is the point
const PATH_FORBIDDEN = /[?#%\\\u0000-\u001f\u007f]/;

const required = (flags: Flags, name: string, what: string): string => {
  const value = flags.string(name);
  if (value === undefined || value === '') throw new UsageError(`--${name} is required: ${what}`);
  return value;
};

function isBackendUrl(value: string): boolean {
  if (!URL.canParse(value) || value.includes('?') || value.includes('#')) return false;
  const url = new URL(value);
  return (
    (url.protocol === 'http:' || url.protocol === 'https:') &&
    url.username === '' &&
    url.password === ''
  );
}

/** A Vault path flag (`--mount-path`, `--base-path`, `--namespace`): slash-joined segments. */
function vaultPath(flags: Flags, name: string, allowEmpty: boolean): string | undefined {
  const value = flags.string(name);
  if (value === undefined) return undefined;
  const path = value.replace(/^\/+|\/+$/g, '');
  const fine =
    (path === '' && allowEmpty) ||
    (path !== '' &&
      path.length <= 1024 &&
      path
        .split('/')
        .every(
          (s) =>
            s !== '' &&
            s !== '.' &&
            s !== '..' &&
            s.length <= 255 &&
            s.trim() === s &&
            !PATH_FORBIDDEN.test(s),
        ));
  if (!fine) {
    throw new UsageError(
      `--${name}: expected${allowEmpty ? '' : ' a non-empty'} path of segments joined by "/" (no ".", "..", "?", "#", "%", "\\", control characters or empty segments)`,
    );
  }
  return path;
}

function integerFlag(flags: Flags, name: string, min: number, max: number, unit: string) {
  const text = flags.string(name);
  if (text === undefined) return undefined;
  const value = /^\d{1,9}$/.test(text) ? Number(text) : Number.NaN;
  if (!(value >= min && value <= max)) {
    throw new UsageError(`--${name}: expected a whole number of ${unit} from ${min} to ${max}`);
  }
  return value;
}

function credentialSources(flags: Flags, method: AuthMethod) {
  const sources = new Map<CredentialField, Source>();
  const inArgv: string[] = [];
  for (const { field, flag, method: needs } of CREDENTIALS) {
    const value = flags.string(flag);
    const env = flags.string(`${flag}-env`);
    const given = [value !== undefined && `--${flag}`, env !== undefined && `--${flag}-env`].filter(
      (f): f is string => f !== false,
    );
    if (given.length > 1) throw new UsageError(`--${flag} and --${flag}-env: choose one`);
    if (needs !== method) {
      if (given.length > 0) {
        const note =
          flag === 'token'
            ? ' (in backend add, --token is the Vault token; the admin token comes from $KICI_ADMIN_TOKEN)'
            : '';
        throw new UsageError(`${given[0]} applies to --auth-method ${needs} only${note}`);
      }
      continue;
    }
    if (value !== undefined) {
      if (!CREDENTIAL.test(value)) throw new UsageError(`--${flag}: ${CREDENTIAL_EXPECTED}`);
      sources.set(field, { kind: 'argv', value });
      inArgv.push(`--${flag}`);
    } else if (env !== undefined) {
      if (!ENV_NAME.test(env)) {
        throw new UsageError(
          `--${flag}-env: expected an environment variable name, e.g. VAULT_${flag.replace('-', '_').toUpperCase()}`,
        );
      }
      sources.set(field, { kind: 'env', name: env });
    } else {
      throw new UsageError(`--${flag} or --${flag}-env is required with --auth-method ${method}`);
    }
  }
  return { sources, inArgv };
}

/** Checks `backend add`'s command line, before any I/O. */
export function planBackend(args: readonly string[], flags: Flags): BackendPlan {
  const name = backendName(args, flags);
  const type = required(flags, 'type', `the backend type (${BACKEND_TYPES.join(', ')})`);
  if (!(BACKEND_TYPES as readonly string[]).includes(type)) {
    throw new UsageError(`--type: expected ${BACKEND_TYPES.join(' or ')}`);
  }
  const url = required(flags, 'url', "the backend's address, e.g. https://vault.example.com:8200");
  if (!isBackendUrl(url)) {
    throw new UsageError(
      '--url: expected an http:// or https:// URL without credentials, query or fragment',
    );
  }
  const method = required(flags, 'auth-method', 'token or approle');
  if (method !== 'token' && method !== 'approle') {
    throw new UsageError('--auth-method: expected token or approle');
  }
  const { sources, inArgv } = credentialSources(flags, method);
  const caCertFile = flags.string('ca-cert');
  if (caCertFile !== undefined) {
    if (caCertFile === '') throw new UsageError('--ca-cert: expected the path of a PEM file');
    if (!url.startsWith('https://')) throw new UsageError('--ca-cert applies to an https:// --url');
  }
  const namespace = vaultPath(flags, 'namespace', true);
  const mountPath = vaultPath(flags, 'mount-path', false);
  const basePath = vaultPath(flags, 'base-path', true);
  const timeoutMs = integerFlag(flags, 'timeout-ms', 100, 120_000, 'milliseconds');
  const syncIntervalSeconds = integerFlag(flags, 'sync-interval', 1, 86_400, 'seconds');
  const scopePatterns = flags.list('scope-pattern');
  const body = {
    name,
    backendType: type as AddBackendBody['backendType'],
    config: {
      url,
      authMethod: method,
      ...(namespace === undefined || namespace === '' ? {} : { namespace }),
      ...(mountPath === undefined ? {} : { mountPath }),
      ...(basePath === undefined ? {} : { basePath }),
      ...(timeoutMs === undefined ? {} : { timeoutMs }),
    },
    ...(scopePatterns.length === 0 ? {} : { scopePatterns }),
    ...(syncIntervalSeconds === undefined ? {} : { syncIntervalSeconds }),
  };
  // The contracts' own check, its field names turned into the flags that carry them.
  const checked = validate(AddBackendBodySchema, body);
  if (!checked.ok) {
    const flag = { scopePatterns: '--scope-pattern', syncIntervalSeconds: '--sync-interval' };
    const field = checked.message.slice(0, checked.message.indexOf(':'));
    const named = flag[field as keyof typeof flag];
    throw new UsageError(
      named === undefined ? checked.message : `${named}${checked.message.slice(field.length)}`,
    );
  }
  return {
    body,
    credentials: sources,
    ...(caCertFile === undefined ? {} : { caCertFile }),
    inArgv,
  };
}

function fromEnv(name: string, env: Readonly<Record<string, string | undefined>>): string {
  const value = env[name];
  if (value === undefined) throw new OperationError(`environment variable ${name} is not set`);
  if (value === '') throw new OperationError(`environment variable ${name} is empty`);
  if (!CREDENTIAL.test(value)) {
    throw new OperationError(`environment variable ${name}: ${CREDENTIAL_EXPECTED}`);
  }
  return value;
}

async function readCaCert(path: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new OperationError(`cannot read ${path}${typeof code === 'string' ? ` (${code})` : ''}`);
  }
  if (!text.includes('-----BEGIN CERTIFICATE-----')) {
    throw new OperationError(`${path}: expected PEM certificates (-----BEGIN CERTIFICATE-----)`);
  }
  return text;
}

/** The body to send: the plan with its credentials and CA certificate read. */
export async function readBackend(
  plan: BackendPlan,
  env: Readonly<Record<string, string | undefined>>,
): Promise<AddBackendBody> {
  const config: Record<string, string | number> = { ...plan.body.config };
  for (const [field, source] of plan.credentials) {
    config[field] = source.kind === 'argv' ? source.value : fromEnv(source.name, env);
  }
  if (plan.caCertFile !== undefined) config.caCert = await readCaCert(plan.caCertFile);
  return { ...plan.body, config };
}

/** The warning for credentials typed in argv, as `secret set --value` warns. */
export function argvWarning(inArgv: readonly string[]): string | undefined {
  if (inArgv.length === 0) return undefined;
  const instead = inArgv.map((flag) => `${flag}-env`).join(' / ');
  return `${inArgv.join(', ')} visible in shell history and the process list — prefer ${instead}`;
}
