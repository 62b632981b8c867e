import { defineCommand } from '../../../command.js';
import { confirmDestructive, YES_OPTION } from '../../../confirm.js';
import { ID_OPTION, KEY_OPTION, ORG_OPTION, SCOPE_OPTION, SCOPE_USAGE } from '../options.js';
import { keyOf, scopeLabel, scopeRef } from '../target.js';

export default defineCommand({
  group: 'extensions secrets',
  name: 'delete',
  usage: `delete ${SCOPE_USAGE} --key <KEY> [--yes]`,
  description: 'Delete a secret of a scope (asks first unless --yes)',
  options: [SCOPE_OPTION, ID_OPTION, KEY_OPTION, YES_OPTION, ORG_OPTION],
  examples: [
    'kiket extensions secrets delete --scope extension --id com.example.mailchimp --key MAILCHIMP_API_KEY',
    'kiket extensions secrets delete --scope installation --id OPS/com.example.zoom --key ZOOM_CLIENT_ID --yes',
  ],
  async run(context) {
    const key = keyOf(context.flags);
    const at = await scopeRef(context);
    const where = `${scopeLabel(at)} (org ${at.orgId})`;
    const admin = await confirmDestructive(context, 'delete', `Delete ${key} from ${where}?`);
    const result = await admin.extensions.secrets.delete(at, key);
    context.out.result(result, () => `Deleted ${result.key} from ${where}`);
  },
});
