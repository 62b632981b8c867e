import { BackendNameSchema } from '@kici/contracts';
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
