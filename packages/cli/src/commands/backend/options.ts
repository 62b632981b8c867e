import {
  BackendNameSchema,
  MAX_SYNC_INTERVAL_SECONDS,
  VAULT_MAX_TIMEOUT_MS,
  VAULT_MIN_TIMEOUT_MS,
} from '@kici/contracts';
import type { OptionSpec } from '../../command.js';
import { UsageError } from '../../errors.js';
import type { Flags } from '../../flags.js';
import { checkFlag } from '../../validate.js';

/** The backend of every `backend` command: `--name`, as the product documentation spells it. */
export const NAME_OPTION: OptionSpec = {
  flags: '--name <name>',
  description: 'Backend name, the prefix of its scopes (openbao-prod); or give it as an argument',
};

/**
 * The backend a command is about: `--name openbao-prod` or an argument `openbao-prod`, not
 * both; validated with the contracts' schema. Undefined only when `optional` and not given.
 */
export function backendName(args: readonly string[], flags: Flags): string;
export function backendName(
  args: readonly string[],
  flags: Flags,
  optional: true,
): string | undefined;
export function backendName(args: readonly string[], flags: Flags, optional = false) {
  const flagged = flags.string('name');
  if (flagged !== undefined && args.length > 0) {
    throw new UsageError('too many arguments (the backend name came from --name)');
  }
  if (args.length > 1) throw new UsageError('too many arguments');
  const name = flagged ?? args[0];
  if (name === undefined) {
    if (optional) return undefined;
    throw new UsageError('--name is required: the backend name, e.g. openbao-prod');
  }
  return checkFlag('--name', BackendNameSchema, name);
}

const PATH = 'path of segments joined by "/"';

/**
 * The flag that carries each field of `backend add`'s body, and how a refusal reads there:
 * the contracts' schema decides, its message names the API field (`mountPath: invalid path:
 * …`), the operator typed `--mount-path`. `expected` replaces the schema's wording where the
 * flag takes text the schema sees as a number; `why` keeps the schema's reason after it.
 */
const FLAGS: Readonly<
  Record<string, { flag: string; required?: string; expected?: string; why?: true }>
> = {
  backendType: { flag: '--type' },
  url: { flag: '--url' },
  authMethod: { flag: '--auth-method', required: 'token or approle' },
  token: { flag: '--token' },
  roleId: { flag: '--role-id' },
  secretId: { flag: '--secret-id' },
  namespace: { flag: '--namespace', expected: `a ${PATH}`, why: true },
  mountPath: { flag: '--mount-path', expected: `a non-empty ${PATH}`, why: true },
  basePath: { flag: '--base-path', expected: `a ${PATH}`, why: true },
  caCert: { flag: '--ca-cert' },
  project: { flag: '--project', required: 'the Google Cloud project id, e.g. my-project' },
  endpoint: { flag: '--endpoint' },
  tokenUri: { flag: '--token-uri' },
  credentials: { flag: '--credentials-file' },
  timeoutMs: {
    flag: '--timeout-ms',
    expected: `a whole number of milliseconds from ${VAULT_MIN_TIMEOUT_MS} to ${VAULT_MAX_TIMEOUT_MS}`,
  },
  scopePatterns: { flag: '--scope-pattern' },
  syncIntervalSeconds: {
    flag: '--sync-interval',
    expected: `a whole number of seconds from 1 to ${MAX_SYNC_INTERVAL_SECONDS}`,
  },
};

/** A schema issue (`<field>: <expected>`) said in flags; `given` is false for a missing field. */
export function flagMessage(field: string, expected: string, given: boolean): string {
  const spec = FLAGS[field];
  if (spec === undefined) return `${field}: ${expected}`;
  if (!given && spec.required !== undefined) return `${spec.flag} is required: ${spec.required}`;
  if (spec.expected === undefined) return `${spec.flag}: ${expected}`;
  return `${spec.flag}: expected ${spec.expected}${spec.why ? ` (${expected})` : ''}`;
}
