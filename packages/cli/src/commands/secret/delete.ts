import { defineCommand } from '../../command.js';
import { resolveTarget } from '../../target.js';
import { ORG_OPTION, SCOPE_OPTION, TARGET_USAGE } from './options.js';

export default defineCommand({
  group: 'secret',
  name: 'delete [org-id] [scope] [key]',
  usage: `delete ${TARGET_USAGE}`,
  description: 'Delete a secret',
  options: [ORG_OPTION, SCOPE_OPTION],
  examples: ['kici-admin secret delete acme production KICI_DATABASE_URL'],
  async run({ args, flags, io, out, client }) {
    const { orgId, scope, key } = await resolveTarget(
      ['org', 'scope', 'key'],
      args,
      flags,
      io.env,
      client,
    );
    const result = await client().secrets.delete(orgId, scope, key);
    out.result(result, () => `Deleted ${result.key} from ${result.scope} (org ${result.orgId})`);
  },
});
