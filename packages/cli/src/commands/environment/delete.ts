import { defineCommand } from '../../command.js';
import { confirmDestructive, YES_OPTION } from '../../confirm.js';
import { ENV_OPTION, NAME_USAGE, ORG_OPTION } from './options.js';
import { resolveEnvironment } from './target.js';

export default defineCommand({
  group: 'environment',
  name: 'delete [org-id] [name]',
  usage: `delete ${NAME_USAGE}`,
  description: 'Delete an environment and its scope bindings (asks first unless --yes)',
  options: [ORG_OPTION, ENV_OPTION, YES_OPTION],
  examples: [
    'kici-admin environment delete acme staging',
    'kici-admin environment delete --env staging --yes',
  ],
  async run(context) {
    const { args, flags, io, out, client } = context;
    const { orgId, name } = await resolveEnvironment(args, flags, io.env, client);
    const admin = await confirmDestructive(
      context,
      'delete',
      `Delete environment ${name} (org ${orgId})? Jobs targeting it will get no secrets.`,
    );
    const result = await admin.environments.delete(orgId, name);
    out.result(result, () => `Deleted environment ${result.name} (org ${result.orgId})`);
  },
});
