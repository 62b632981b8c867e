import type { AdminClient } from '@kici/contracts';
import { EnvironmentNameSchema } from '@kici/contracts';
import { UsageError } from '../../errors.js';
import type { Flags } from '../../flags.js';
import { resolveTarget } from '../../target.js';
import { checkFlag } from '../../validate.js';

type Env = Readonly<Record<string, string | undefined>>;

export interface EnvironmentTarget {
  readonly orgId: string;
  readonly name: string;
}

/**
 * The org and the environment of an `environment` command: `show acme production`, or with
 * the org from --org or KICI_ORG_ID `show production`, and the name from `--env` in every
 * form (`set-policy --env test-database …`). Validated with the contracts' schemas.
 */
export async function resolveEnvironment(
  args: readonly string[],
  flags: Flags,
  env: Env,
  client: () => AdminClient,
): Promise<EnvironmentTarget> {
  const flagged = flags.string('env');
  if (flagged === undefined && args.length === 0) {
    throw new UsageError('missing the environment name (argument or --env)');
  }
  if (flagged !== undefined && args.length > 1) {
    throw new UsageError('too many arguments (the environment name came from --env)');
  }
  const rest = flagged === undefined ? args.slice(0, -1) : args;
  const { orgId } = await resolveTarget(['org'], rest, flags, env, client);
  const name =
    flagged === undefined
      ? checkFlag('name', EnvironmentNameSchema, args.at(-1))
      : checkFlag('--env', EnvironmentNameSchema, flagged);
  return { orgId, name };
}
