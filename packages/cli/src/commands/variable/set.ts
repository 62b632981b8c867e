import { SetVariableBodySchema } from '@kici/contracts';
import { defineCommand } from '../../command.js';
import { UsageError } from '../../errors.js';
import type { Flags } from '../../flags.js';
import { INPUT_MODE_OPTIONS } from '../../input/options.js';
import { printDryRun, readValueToSet } from '../../input/value-to-set.js';
import { isNewOrg, newOrgNote } from '../../target.js';
import { ORG_OPTION, SCOPE_OPTION, TARGET_USAGE } from '../secret/options.js';

/** `--locked` locks, `--unlock` unlocks, neither keeps the variable's current flag. */
function lockFlag(flags: Flags): boolean | undefined {
  const lock = flags.bool('locked');
  const unlock = flags.bool('unlock');
  if (lock && unlock) throw new UsageError('--locked and --unlock: choose one');
  return lock ? true : unlock ? false : undefined;
}

export default defineCommand({
  group: 'variable',
  name: 'set [org-id] [scope] [key]',
  usage: `set ${TARGET_USAGE}`,
  description: 'Create or replace a variable (value from one of five input modes)',
  options: [
    ORG_OPTION,
    SCOPE_OPTION,
    ...INPUT_MODE_OPTIONS,
    {
      flags: '--locked',
      description: 'Lock the variable: immutable from later dashboard writes',
    },
    { flags: '--unlock', description: 'Unlock it (without either flag the lock stays as it is)' },
  ],
  examples: [
    'kici-admin variable set acme production DEPLOY_REGION --prompt',
    'kici-admin variable set --scope production DEPLOY_REGION --value eu-west-1 --locked',
    'echo eu-west-1 | kici-admin variable set --scope production DEPLOY_REGION --from-stdin',
    'kici-admin variable set --scope production APP_CONFIG --from-file ./app.json --no-trim',
    'kici-admin variable set --scope production DEPLOY_REGION --from-env CI_REGION --dry-run',
  ],
  async run(context) {
    const locked = lockFlag(context.flags);
    const target = await readValueToSet(context, SetVariableBodySchema);
    if (target.admin === undefined) {
      return printDryRun(context, target, locked === undefined ? {} : { locked });
    }
    const { orgId, scope, key, value } = target;
    const created = await isNewOrg(target.admin, orgId);
    const result = await target.admin.variables.set(orgId, scope, key, value, { locked });
    context.out.result(
      result,
      () =>
        `Set ${result.key} in ${result.scope} of org ${orgId} (${result.valueLength} bytes${result.locked ? ', locked' : ''}, updated_at ${result.updatedAt})`,
    );
    if (created) context.io.stderr.write(newOrgNote(orgId));
  },
});
