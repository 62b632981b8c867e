import { confirm, isCancel } from '@clack/prompts';
import { defineCommand } from '../../command.js';
import { OperationError, UsageError } from '../../errors.js';
import { resolveTarget } from '../../target.js';
import { ORG_OPTION, SCOPE_OPTION, TARGET_USAGE } from '../secret/options.js';

export default defineCommand({
  group: 'variable',
  name: 'delete [org-id] [scope] [key]',
  usage: `delete ${TARGET_USAGE}`,
  description: 'Delete a variable (asks first unless --yes)',
  options: [ORG_OPTION, SCOPE_OPTION, { flags: '-y, --yes', description: 'Skip the confirmation' }],
  examples: [
    'kici-admin variable delete acme production DEPLOY_REGION',
    'kici-admin variable delete --scope production DEPLOY_REGION --yes',
  ],
  async run({ args, flags, io, out, client }) {
    const { orgId, scope, key } = resolveTarget(['org', 'scope', 'key'], args, flags, io.env);
    const yes = flags.bool('yes');
    // Nobody can answer a prompt on a pipe: decided before any I/O.
    if (!yes && io.stdin.isTTY !== true) {
      throw new UsageError('stdin is not a terminal, so nobody can confirm: pass --yes to delete');
    }
    const admin = client();
    if (!yes) {
      // On stderr, so that stdout holds only the result (and --json stays parseable).
      const answer = await confirm({
        message: `Delete variable ${key} from ${scope} (org ${orgId})?`,
        initialValue: false,
        input: io.stdin,
        output: io.stderr,
      });
      if (isCancel(answer) || !answer) throw new OperationError('cancelled: nothing was deleted');
    }
    const result = await admin.variables.delete(orgId, scope, key);
    out.result(result, () => `Deleted ${result.key} from ${result.scope} (org ${result.orgId})`);
  },
});
