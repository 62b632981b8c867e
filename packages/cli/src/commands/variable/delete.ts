import { defineCommand } from '../../command.js';
import { confirmDestructive, YES_OPTION } from '../../confirm.js';
import { resolveTarget } from '../../target.js';
import { ORG_OPTION, SCOPE_OPTION, TARGET_USAGE } from '../secret/options.js';

export default defineCommand({
  group: 'variable',
  name: 'delete [org-id] [scope] [key]',
  usage: `delete ${TARGET_USAGE}`,
  description: 'Delete a variable (asks first unless --yes)',
  options: [ORG_OPTION, SCOPE_OPTION, YES_OPTION],
  examples: [
    'kici-admin variable delete acme production DEPLOY_REGION',
    'kici-admin variable delete --scope production DEPLOY_REGION --yes',
  ],
  async run(context) {
    const { args, flags, io, out, client } = context;
    const { orgId, scope, key } = await resolveTarget(
      ['org', 'scope', 'key'],
      args,
      flags,
      io.env,
      client,
    );
    const admin = await confirmDestructive(
      context,
      'delete',
      `Delete variable ${key} from ${scope} (org ${orgId})?`,
    );
    const result = await admin.variables.delete(orgId, scope, key);
    out.result(result, () => `Deleted ${result.key} from ${result.scope} (org ${result.orgId})`);
  },
});
