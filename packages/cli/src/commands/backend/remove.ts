import { confirm, isCancel } from '@clack/prompts';
import { defineCommand } from '../../command.js';
import { OperationError, UsageError } from '../../errors.js';
import { backendName, NAME_OPTION } from './options.js';

export default defineCommand({
  group: 'backend',
  name: 'remove [name]',
  usage: 'remove --name <name> [options]',
  description: 'Remove a backend and its discovered scopes (asks first unless --yes)',
  options: [NAME_OPTION, { flags: '-y, --yes', description: 'Skip the confirmation' }],
  examples: [
    'kici-admin backend remove --name openbao-prod',
    'kici-admin backend remove --name openbao-prod --yes',
  ],
  async run({ args, flags, io, out, client }) {
    const name = backendName(args, flags);
    const yes = flags.bool('yes');
    // Nobody can answer a prompt on a pipe: decided before any I/O.
    if (!yes && io.stdin.isTTY !== true) {
      throw new UsageError('stdin is not a terminal, so nobody can confirm: pass --yes to remove');
    }
    const admin = client();
    if (!yes) {
      // On stderr, so that stdout holds only the result (and --json stays parseable).
      const answer = await confirm({
        message: `Remove backend ${name}? Jobs reading its scopes or secrets linked to it will fail.`,
        initialValue: false,
        input: io.stdin,
        output: io.stderr,
      });
      if (isCancel(answer) || !answer) throw new OperationError('cancelled: nothing was removed');
    }
    const result = await admin.backends.remove(name);
    out.result(result, () => `Removed backend ${result.name}`);
  },
});
