import { readFile } from 'node:fs/promises';
import {
  AddBackendBodySchema,
  BACKEND_TYPES,
  GsmConfigSchema,
  type RouteInput,
  VaultConfigSchema,
} from '@kici/contracts';
import { OperationError, UsageError } from '../../errors.js';
import type { Flags } from '../../flags.js';
import type { StandardSchema } from '../../validate.js';
import {
  type AuthMethod,
  CREDENTIALS,
  type CredentialField,
  credentialSources,
  fromEnv,
  isCredential,
  type Source,
} from './credentials.js';
import { credentialsFileFlag, gsmConfigFlags, readKeyFile, refuseOtherKind } from './gsm.js';
import { backendName, flagMessage } from './options.js';

/**
 * `backend add`'s flags, turned into the admin API's body in two steps: `planBackend` checks
 * the command line (no I/O: a usage error names the flag, never a value), `readBackend` then
 * reads what the plan points at (credentials from environment variables, a GSM key file, the
 * CA file). The values are checked by the contracts' schemas (the Vault and GSM config
 * schemas are the ones @kici/store-vault and @kici/store-gsm check a config with on the
 * server); which flags go together is the CLI's own rule.
 */

type AddBackendBody = RouteInput<'backends.add', 'body'>;
type Config = Record<string, unknown>;

export interface BackendPlan {
  /** Everything but the credentials read from the environment and the CA certificate. */
  readonly body: Omit<AddBackendBody, 'config'> & { config: Config };
  readonly credentials: ReadonlyMap<CredentialField, Source>;
  readonly caCertFile?: string;
  /** With --type gsm: the service-account key file. */
  readonly credentialsFile?: string;
  /** Credential flags given in argv, for the warning. */
  readonly inArgv: readonly string[];
}

const required = (flags: Flags, name: string, what: string): string => {
  const value = flags.string(name);
  if (value === undefined || value === '') throw new UsageError(`--${name} is required: ${what}`);
  return value;
};

/** A number flag as the schema sees it: anything but plain digits is NaN, which it refuses. */
function numberFlag(flags: Flags, name: string): number | undefined {
  const text = flags.string(name);
  if (text === undefined) return undefined;
  return /^\d{1,9}$/.test(text) ? Number(text) : Number.NaN;
}

interface Issue {
  readonly field: string;
  readonly expected: string;
}

type Checked<T> = { readonly value: T } | { readonly issues: readonly Issue[] };

/** `value` checked by a contracts schema: its output, or its issues as `field: expected`. */
function check<T>(schema: StandardSchema<T>, value: unknown): Checked<T> {
  const result = schema['~standard'].validate(value);
  if (result instanceof Promise) throw new TypeError('asynchronous schemas are not supported');
  if (result.issues === undefined) return { value: result.value };
  return {
    issues: result.issues.map(({ message }) => {
      const field = message.slice(0, Math.max(message.indexOf(':'), 0));
      return { field, expected: message.slice(field.length + 2) };
    }),
  };
}

/**
 * The body as the server will check it: the config with its kind's config schema (which the
 * body's own schema leaves to the backend kind), then the rest of the body.
 */
function checkBody(body: Omit<AddBackendBody, 'config'> & { config: Config }) {
  const schema = body.backendType === 'gsm' ? GsmConfigSchema : VaultConfigSchema;
  const config = check(schema as StandardSchema<unknown>, body.config);
  const rest = check(AddBackendBodySchema, body);
  if ('value' in config && 'value' in rest) {
    return { value: { ...rest.value, config: config.value } as AddBackendBody };
  }
  const issuesOf = (checked: Checked<unknown>) => ('issues' in checked ? checked.issues : []);
  return { issues: [...issuesOf(config), ...issuesOf(rest)] };
}

/** The CA file flag, checked before any I/O; `url` is the address it would apply to. */
function caCertFlag(flags: Flags, url: string | undefined, urlFlag: string): string | undefined {
  const caCertFile = flags.string('ca-cert');
  if (caCertFile === undefined) return undefined;
  if (caCertFile === '') throw new UsageError('--ca-cert: expected the path of a PEM file');
  if (url !== undefined && !url.startsWith('https://')) {
    throw new UsageError(`--ca-cert applies to an https:// ${urlFlag}`);
  }
  return caCertFile;
}

/** Checks `backend add`'s command line, before any I/O. */
export function planBackend(args: readonly string[], flags: Flags): BackendPlan {
  const name = backendName(args, flags);
  const type = required(flags, 'type', `the backend type (${BACKEND_TYPES.join(', ')})`);
  if (!(BACKEND_TYPES as readonly string[]).includes(type)) {
    throw new UsageError(`--type: expected ${BACKEND_TYPES.join(' or ')}`);
  }
  refuseOtherKind(flags, type as 'vault' | 'gsm');
  const gsm = type === 'gsm';
  const url = gsm
    ? undefined
    : required(flags, 'url', "the backend's address, e.g. https://vault.example.com:8200");
  const method = flags.string('auth-method');
  const config: Config = gsm ? gsmConfigFlags(flags) : { url };
  const set = (field: string, value: string | number | undefined) => {
    if (value !== undefined) config[field] = value;
  };
  if (!gsm) {
    set('authMethod', method);
    // Credentials typed in argv are checked now, those named by --*-env once they are read.
    for (const credential of CREDENTIALS) {
      if (credential.method === method) set(credential.field, flags.string(credential.flag));
    }
    set('namespace', flags.string('namespace'));
    set('mountPath', flags.string('mount-path'));
    set('basePath', flags.string('base-path'));
  }
  set('timeoutMs', numberFlag(flags, 'timeout-ms'));
  const scopePatterns = flags.list('scope-pattern');
  const syncIntervalSeconds = numberFlag(flags, 'sync-interval');
  const body = {
    name,
    backendType: type as AddBackendBody['backendType'],
    config,
    ...(scopePatterns.length === 0 ? {} : { scopePatterns }),
    ...(syncIntervalSeconds === undefined ? {} : { syncIntervalSeconds }),
  };
  const checked = checkBody(body);
  // A credential the config lacks is the flags' business (below), not the schema's; so is
  // a GSM key file, read later.
  const later = (field: string) =>
    gsm
      ? field === 'credentials' || field.startsWith('credentials.')
      : isCredential(field) && config[field] === undefined;
  const issue = 'issues' in checked ? checked.issues.find(({ field }) => !later(field)) : undefined;
  if (issue !== undefined) {
    throw new UsageError(
      flagMessage(issue.field, issue.expected, config[issue.field] !== undefined),
    );
  }
  const caCertFile = gsm
    ? caCertFlag(flags, config.endpoint as string | undefined, '--endpoint')
    : caCertFlag(flags, url, '--url');
  if (gsm) {
    return {
      body,
      credentials: new Map(),
      credentialsFile: credentialsFileFlag(flags),
      ...(caCertFile === undefined ? {} : { caCertFile }),
      inArgv: [],
    };
  }
  const { sources, inArgv } = credentialSources(flags, method as AuthMethod);
  return {
    body,
    credentials: sources,
    ...(caCertFile === undefined ? {} : { caCertFile }),
    inArgv,
  };
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

/** The body to send: the plan with its credentials and CA certificate read, checked again. */
export async function readBackend(
  plan: BackendPlan,
  env: Readonly<Record<string, string | undefined>>,
): Promise<AddBackendBody> {
  const config: Config = { ...plan.body.config };
  for (const [field, source] of plan.credentials) {
    config[field] = source.kind === 'argv' ? source.value : fromEnv(source.name, env);
  }
  if (plan.caCertFile !== undefined) config.caCert = await readCaCert(plan.caCertFile);
  if (plan.credentialsFile !== undefined)
    config.credentials = await readKeyFile(plan.credentialsFile);
  const checked = checkBody({ ...plan.body, config });
  if ('value' in checked) return checked.value;
  // The command line passed: what is left is a value read from the environment or a file.
  const [issue] = checked.issues;
  const source = issue && isCredential(issue.field) ? plan.credentials.get(issue.field) : undefined;
  const where =
    source?.kind === 'env'
      ? `environment variable ${source.name}`
      : issue?.field === 'caCert'
        ? plan.caCertFile
        : issue?.field.startsWith('credentials')
          ? `${plan.credentialsFile}: ${issue.field}`
          : issue?.field;
  throw new OperationError(`${where}: ${issue?.expected ?? 'invalid'}`);
}
