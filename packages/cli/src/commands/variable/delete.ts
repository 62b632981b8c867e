import { defineCommand } from '../../command.js';
import { confirmUnlessYes, requireAnswerable, YES_OPTION } from '../../confirm.js';
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
  async run({ args, flags, io, out, client }) {
    const { orgId, scope, key } = resolveTarget(['org', 'scope', 'key'], args, flags, io.env);
    const yes = flags.bool('yes');
    requireAnswerable(io, yes, 'delete');
    const admin = client();
    await confirmUnlessYes(
      io,
      yes,
      `Delete variable ${key} from ${scope} (org ${orgId})?`,
      'nothing was deleted',
    );
    const result = await admin.variables.delete(orgId, scope, key);
    out.result(result, () => `Deleted ${result.key} from ${result.scope} (org ${result.orgId})`);
  },
});
