import { confirm, isCancel } from '@clack/prompts';
import { defineCommand } from '../../command.js';
import { OperationError, UsageError } from '../../errors.js';
import { ENV_OPTION, NAME_USAGE, ORG_OPTION } from './options.js';
import { resolveEnvironment } from './target.js';

export default defineCommand({
  group: 'environment',
  name: 'delete [org-id] [name]',
  usage: `delete ${NAME_USAGE}`,
  description: 'Delete an environment and its scope bindings (asks first unless --yes)',
  options: [ORG_OPTION, ENV_OPTION, { flags: '-y, --yes', description: 'Skip the confirmation' }],
  examples: [
    'kici-admin environment delete acme staging',
    'kici-admin environment delete --env staging --yes',
  ],
  async run({ args, flags, io, out, client }) {
    const { orgId, name } = resolveEnvironment(args, flags, io.env);
    const yes = flags.bool('yes');
    // Nobody can answer a prompt on a pipe: decided before any I/O.
    if (!yes && io.stdin.isTTY !== true) {
      throw new UsageError('stdin is not a terminal, so nobody can confirm: pass --yes to delete');
    }
    const admin = client();
    if (!yes) {
      // On stderr, so that stdout holds only the result (and --json stays parseable).
      const answer = await confirm({
        message: `Delete environment ${name} (org ${orgId})? Jobs targeting it will get no secrets.`,
        initialValue: false,
        input: io.stdin,
        output: io.stderr,
      });
      if (isCancel(answer) || !answer) throw new OperationError('cancelled: nothing was deleted');
    }
    const result = await admin.environments.delete(orgId, name);
    out.result(result, () => `Deleted environment ${result.name} (org ${result.orgId})`);
  },
});
