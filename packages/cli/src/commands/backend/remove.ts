import { defineCommand } from '../../command.js';
import { confirmDestructive, YES_OPTION } from '../../confirm.js';
import { backendName, NAME_OPTION } from './options.js';

export default defineCommand({
  group: 'backend',
  name: 'remove [name]',
  usage: 'remove --name <name> [options]',
  description: 'Remove a backend and its discovered scopes (asks first unless --yes)',
  options: [NAME_OPTION, YES_OPTION],
  examples: [
    'kici-admin backend remove --name openbao-prod',
    'kici-admin backend remove --name openbao-prod --yes',
  ],
  async run(context) {
    const { args, flags, out } = context;
    const name = backendName(args, flags);
    const admin = await confirmDestructive(
      context,
      'remove',
      `Remove backend ${name}? Jobs reading its scopes or secrets linked to it will fail.`,
    );
    const result = await admin.backends.remove(name);
    out.result(result, () => `Removed backend ${result.name}`);
  },
});
