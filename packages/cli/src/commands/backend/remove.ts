import { defineCommand } from '../../command.js';
import { confirmUnlessYes, requireAnswerable, YES_OPTION } from '../../confirm.js';
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
  async run({ args, flags, io, out, client }) {
    const name = backendName(args, flags);
    const yes = flags.bool('yes');
    requireAnswerable(io, yes, 'remove');
    const admin = client();
    await confirmUnlessYes(
      io,
      yes,
      `Remove backend ${name}? Jobs reading its scopes or secrets linked to it will fail.`,
      'nothing was removed',
    );
    const result = await admin.backends.remove(name);
    out.result(result, () => `Removed backend ${result.name}`);
  },
});
