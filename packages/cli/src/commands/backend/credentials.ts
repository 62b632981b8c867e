import type { VaultAuthMethod } from '@kici/contracts';
import { OperationError, UsageError } from '../../errors.js';
import type { Flags } from '../../flags.js';

/**
 * Where `backend add` takes the credentials of its auth method from: a flag in argv
 * (`--role-id`, visible in ps) or an environment variable it names (`--role-id-env`). Which
 * flags go together is decided here; the values are the Vault config schema's business.
 */

export type AuthMethod = VaultAuthMethod;
export type CredentialField = 'token' | 'roleId' | 'secretId';

interface Credential {
  readonly field: CredentialField;
  /** The flag that takes it in argv; `<flag>-env` names an environment variable instead. */
  readonly flag: 'token' | 'role-id' | 'secret-id';
  readonly method: AuthMethod;
}

export const CREDENTIALS: readonly Credential[] = [
  { field: 'token', flag: 'token', method: 'token' },
  { field: 'roleId', flag: 'role-id', method: 'approle' },
  { field: 'secretId', flag: 'secret-id', method: 'approle' },
];

export type Source =
  | { readonly kind: 'argv'; readonly value: string }
  | { readonly kind: 'env'; readonly name: string };

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Where each credential of `method` comes from; the flags' combinations are checked here. */
export function credentialSources(flags: Flags, method: AuthMethod) {
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

export const isCredential = (field: string): field is CredentialField =>
  CREDENTIALS.some((credential) => credential.field === field);

/** A credential from the environment variable `name`, once the command line passed. */
export function fromEnv(name: string, env: Readonly<Record<string, string | undefined>>): string {
  const value = env[name];
  if (value === undefined) throw new OperationError(`environment variable ${name} is not set`);
  if (value === '') throw new OperationError(`environment variable ${name} is empty`);
  return value;
}

/** The warning for credentials typed in argv, as `secret set --value` warns. */
export function argvWarning(inArgv: readonly string[]): string | undefined {
  if (inArgv.length === 0) return undefined;
  const instead = inArgv.map((flag) => `${flag}-env`).join(' / ');
  return `${inArgv.join(', ')} visible in shell history and the process list — prefer ${instead}`;
}
